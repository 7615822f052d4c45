// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a mismatching program minimal by dropping steps while a mismatch of the same signature
 * persists. Each round runs every one-step-smaller variant in one batch (one tracer start for
 * all), then tries dropping all the steps that could go alone at once, else the first of them;
 * rounds repeat until no single step can go.
 */
public final class Shrinker {
  private final Runner runner;
  private final Comparer comparer;

  public Shrinker(Runner runner, Comparer comparer) {
    this.runner = runner;
    this.comparer = comparer;
  }

  /** The result: the smallest program found, its mismatches, and how many batches it took. */
  public record Result(Program program, List<Mismatch> mismatches, int batches) {}

  /**
   * Shrinks {@code program}, which showed a mismatch of {@code signature}.
   *
   * @return the minimal program, or null when the mismatch did not recur with the program alone
   */
  public Result shrink(Program program, String signature) throws IOException, InterruptedException {
    List<List<Mismatch>> first = run(List.of(program), signature);
    if (first.get(0) == null) {
      return null;
    }
    Program best = program;
    List<Mismatch> bestMs = first.get(0);
    int batches = 1;
    int round = 0;
    while (best.steps().size() > 1) {
      round++;
      List<Program> variants = new ArrayList<>();
      for (int i = 0; i < best.steps().size(); i++) {
        variants.add(best.without(List.of(i), "r" + round + "x" + i));
      }
      List<List<Mismatch>> results = run(variants, signature);
      batches++;
      List<Integer> droppable = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) != null) {
          droppable.add(i);
        }
      }
      if (droppable.isEmpty()) {
        break;
      }
      Program all = best.without(droppable, "r" + round + "all");
      List<Mismatch> allMs = droppable.size() > 1 ? run(List.of(all), signature).get(0) : null;
      if (droppable.size() > 1) {
        batches++;
      }
      if (allMs != null) {
        best = all;
        bestMs = allMs;
      } else {
        best = variants.get(droppable.get(0));
        bestMs = results.get(droppable.get(0));
      }
    }
    return new Result(best, bestMs, batches);
  }

  /** Runs {@code programs} in one batch; per program its mismatches if {@code signature} is among them, else null. */
  private List<List<Mismatch>> run(List<Program> programs, String signature)
      throws IOException, InterruptedException {
    Runner.Batch b = runner.run(programs);
    List<List<Mismatch>> out = new ArrayList<>();
    for (Program p : programs) {
      List<Call> s = b.strace().get(p.name());
      List<Call> i = b.ior().get(p.name());
      List<Mismatch> ms = s == null || i == null ? List.of()
          : comparer.compare(s, b.straceRoot(), i, b.iorRoot());
      out.add(ms.stream().anyMatch(m -> m.signature().equals(signature)) ? ms : null);
    }
    return out;
  }
}
