// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The differential test's command line (scripts/difftest.sh calls it):
 * {@code DiffMain --ior BIN --seeds 1-200[,300,...] [--kinds a,b] [--batch 40] [--work DIR]
 * [--shrink N] [--print SEED]}. Prints programs run and mismatched by kind, and each distinct
 * mismatch (kind + syscall:field) as a shrunk program with both tracers' lines. Exit status 0
 * when nothing mismatched, 1 otherwise, 2 for bad arguments.
 */
public final class DiffMain {
  private DiffMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        System.err.println("difftest: unexpected argument " + args[i]);
        System.exit(2);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    List<Kind> kinds = new ArrayList<>();
    if (o.containsKey("kinds")) {
      for (String k : o.get("kinds").split(",")) {
        kinds.add(Kind.byId(k));
      }
    }
    Generator gen = new Generator(kinds);
    if (o.containsKey("print")) {
      System.out.print(gen.generate(Long.parseLong(o.get("print"))).source());
      return;
    }
    Path repo = Path.of(o.getOrDefault("repo", ".")).toAbsolutePath();
    Path ior = Path.of(o.getOrDefault("ior", repo.resolve("bin/ior").toString())).toAbsolutePath();
    Path iorRepo = ior.getParent().getParent();
    Path work = Files.createDirectories(Path.of(o.getOrDefault("work", "/tmp/ior-difftest")));
    List<Long> seeds = seeds(o.getOrDefault("seeds", "1-40"));
    int batch = Integer.parseInt(o.getOrDefault("batch", "40"));
    int shrink = Integer.parseInt(o.getOrDefault("shrink", "8"));
    Report report = new Report(new Comparer(Shapes.read(iorRepo)), new Runner(work, ior), gen);
    report.verbose(o.containsKey("verbose"));
    report.run(seeds, batch, shrink, System.out);
    System.exit(report.mismatched() == 0 ? 0 : 1);
  }

  /** "1-200,300,305-310" as a list. */
  static List<Long> seeds(String spec) {
    List<Long> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] r = part.trim().split("-");
      long a = Long.parseLong(r[0]);
      long b = r.length > 1 ? Long.parseLong(r[1]) : a;
      for (long s = a; s <= b; s++) {
        out.add(s);
      }
    }
    return out;
  }
}
