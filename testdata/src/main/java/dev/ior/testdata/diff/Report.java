// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs seeds in batches, compares every program and prints: programs run and mismatched per
 * kind, then each distinct mismatch (kind and syscall:field) once, shrunk to a minimal program,
 * with strace's and ior's lines.
 */
public final class Report {
  /** The signature of programs not compared because ior lost records in their batch. */
  private static final String LOST = "ior:lost-records";
  private final Comparer comparer;
  private final Runner runner;
  private final Generator generator;
  private final Map<Kind, int[]> byKind = new TreeMap<>();
  private final Map<String, Program> firstBySignature = new LinkedHashMap<>();
  private final Map<String, Integer> countBySignature = new LinkedHashMap<>();
  private boolean verbose;
  private int restartBatches;
  private int restartWrong;
  private int run;
  private int mismatched;
  private int incomplete;

  public Report(Comparer comparer, Runner runner, Generator generator) {
    this.comparer = comparer;
    this.runner = runner;
    this.generator = generator;
  }

  /** Print every mismatching program's first mismatches as it is compared. */
  public Report verbose(boolean on) {
    verbose = on;
    return this;
  }

  /** Programs with at least one mismatch, plus batches whose restart decisions disagree. */
  public int mismatched() {
    return mismatched + restartWrong;
  }

  /** Runs {@code seeds}, {@code batch} programs per tracer run, shrinks up to {@code shrink} mismatches. */
  public void run(List<Long> seeds, int batch, int shrink, PrintStream out)
      throws IOException, InterruptedException {
    out.printf(Locale.ROOT, "difftest: %d seeds (%d..%d), %d kinds, %d programs per tracer run%n",
        seeds.size(), seeds.get(0), seeds.get(seeds.size() - 1), Kind.values().length, batch);
    for (int from = 0; from < seeds.size(); from += batch) {
      List<Program> programs = new ArrayList<>();
      for (long s : seeds.subList(from, Math.min(seeds.size(), from + batch))) {
        programs.add(generator.generate(s));
      }
      Runner.Batch b = runner.runWithoutLoss(programs, n -> out.println("difftest: " + n));
      IorLosses lost = b.losses();
      if (!b.leftInRoot().isEmpty()) {
        // A generator bug: the batch's results for those programs are suspect.
        out.println("difftest: the programs of this batch made " + b.leftInRoot()
            + " in the host's root directory, shared by both tracers' runs (left there)");
      }
      for (Program p : programs) {
        if (lost.any()) {
          lostBy(p, lost, out);
        } else {
          tally(p, b, out);
        }
      }
      RestartCheck rc = RestartCheck.of(programs, b.iorErr());
      if (rc.restarted() + rc.eintr() > 0) {
        restartBatches++;
        if (!rc.agrees()) {
          restartWrong++;
          out.println("difftest: restart vs EINTR (kind signal, issue 18 kind 10) disagrees: " + rc);
        }
      }
      out.printf(Locale.ROOT, "difftest: %d programs run, %d mismatched%n", run, mismatched);
      out.flush();
    }
    out.println();
    out.println("kind              run  mismatched  known-differences.txt");
    KnownDifferences known = KnownDifferences.load();
    byKind.forEach((k, n) -> out.printf(Locale.ROOT, "%-16s %4d  %4d        %s%n", k.id(), n[0],
        n[1], known.reason(k).isPresent() ? "listed" : ""));
    out.printf(Locale.ROOT, "%-16s %4d  %4d   (%d not seen complete by a tracer)%n", "total", run,
        mismatched, incomplete);
    out.printf(Locale.ROOT, "restart vs EINTR (batch level, kind signal): %d of %d batches disagree%n",
        restartWrong, restartBatches);
    out.println();
    out.println("distinct mismatches (kind syscall:field, programs):");
    countBySignature.forEach((s, n) -> out.println("  " + s + "  " + n));
    Shrinker shrinker = new Shrinker(runner, comparer);
    int done = 0;
    for (Map.Entry<String, Program> e : firstBySignature.entrySet()) {
      if (done++ >= shrink) {
        out.println("(" + (firstBySignature.size() - shrink) + " more not shrunk; --shrink N)");
        break;
      }
      String sig = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      out.println();
      out.println("=== " + e.getKey() + ": seed " + e.getValue().seed());
      if (sig.equals(LOST)) {
        out.println("(not compared: ior lost records in its batch, twice; not a naming mismatch)");
        continue;
      }
      Shrinker.Result r = shrinker.shrink(e.getValue(), sig);
      if (r == null) {
        out.println("(did not recur when run alone)");
        continue;
      }
      out.println("minimal program (" + r.program().steps().size() + " steps, kinds "
          + r.program().stepKinds() + ", " + r.batches() + " batches):");
      out.println(r.program().main());
      for (Mismatch m : r.mismatches()) {
        out.println("  " + m);
      }
    }
  }

  /**
   * A program of a batch in which ior lost records or names: not compared (its missing calls
   * would read as naming mismatches), counted as not seen complete and as a mismatch, so that
   * the run does not pass unverified.
   */
  private void lostBy(Program p, IorLosses lost, PrintStream out) {
    byKind.computeIfAbsent(p.kind(), k -> new int[2])[0]++;
    run++;
    unverified(p, LOST);
    if (verbose) {
      out.println("difftest: " + p.name() + " not compared: ior lost " + lost);
    }
  }

  /** A program run but not compared: not seen complete, so counted as a mismatch too. */
  private void unverified(Program p, String signature) {
    incomplete++;
    byKind.get(p.kind())[1]++;
    mismatched++;
    String key = p.kind().id() + " " + signature;
    firstBySignature.putIfAbsent(key, p);
    countBySignature.merge(key, 1, Integer::sum);
  }

  private void tally(Program p, Runner.Batch b, PrintStream out) {
    int[] n = byKind.computeIfAbsent(p.kind(), k -> new int[2]);
    run++;
    n[0]++;
    List<Call> s = b.strace().get(p.name());
    List<Call> i = b.ior().get(p.name());
    if (s == null || i == null) {
      unverified(p, (s == null ? "strace" : "ior") + ":no-marker");
      return;
    }
    List<Mismatch> ms = comparer.compare(s, b.straceRoot(), i, b.iorRoot());
    if (ms.isEmpty()) {
      return;
    }
    n[1]++;
    mismatched++;
    if (verbose) {
      out.println("--- " + p.name() + " (" + p.kind().id() + "): " + ms.size() + " mismatches");
      ms.stream().limit(12).forEach(m -> out.println("  " + m));
    }
    ms.stream().map(m -> p.kind().id() + " " + m.signature()).distinct().forEach(key -> {
      firstBySignature.putIfAbsent(key, p);
      countBySignature.merge(key, 1, Integer::sum);
    });
  }
}
