// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ior.testdata.diff.Comparer;
import dev.ior.testdata.diff.Generator;
import dev.ior.testdata.diff.Kind;
import dev.ior.testdata.diff.KnownDifferences;
import dev.ior.testdata.diff.Mismatch;
import dev.ior.testdata.diff.Program;
import dev.ior.testdata.diff.RestartCheck;
import dev.ior.testdata.diff.Runner;
import dev.ior.testdata.diff.Shapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue 18 in the suite: a fixed list of generated programs (two of
 * every kind) runs once under {@code strace -f -y} and once under {@code bin/ior -- sh}, and
 * every call must agree on fd, return value and file name, up to the documented rules
 * (docs/file-names.md). One dynamic test per program; a program whose kind is listed in
 * testdata's {@code known-differences.txt} is reported as skipped with the listed reason
 * (the issue kind it belongs to), and its mismatches are printed. {@code scripts/difftest.sh}
 * runs any number of seeds with shrinking.
 */
class DiffOracleIT {
  /** Seeds 1..2n for n kinds: every kind twice (seed mod n selects the kind). */
  static final long FIRST_SEED = 1;
  static final long LAST_SEED = 2L * Kind.values().length;

  @TempDir Path work;

  @TestFactory
  Stream<DynamicTest> everyProgramMatchesStrace() throws Exception {
    Requirements.requireBpf();
    requireTool("strace");
    requireTool("gcc");
    Generator gen = new Generator(List.of());
    List<Program> programs = LongStream.rangeClosed(FIRST_SEED, LAST_SEED)
        .mapToObj(gen::generate).collect(Collectors.toList());
    Path repo = CliProcess.repo();
    Runner.Batch batch = new Runner(work, repo.resolve("bin/ior"))
        .runWithoutLoss(programs, System.err::println);
    Comparer comparer = new Comparer(Shapes.read(repo));
    KnownDifferences known = KnownDifferences.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (Program p : programs) {
      tests.add(DynamicTest.dynamicTest(p.name() + " " + p.kind().id(),
          () -> check(p, batch, comparer, known.reason(p.kind()))));
    }
    tests.add(DynamicTest.dynamicTest("restart vs EINTR (kind signal)", () -> {
      RestartCheck rc = RestartCheck.of(programs, batch.iorErr());
      if (!rc.agrees()) {
        Optional<String> why = known.reason(Kind.SIGNAL);
        if (why.isPresent()) {
          System.err.println("SKIPPED (known difference: " + why.get() + "): " + rc);
          Assumptions.abort("known difference of kind signal: " + why.get());
        }
        fail("ior's restart decisions differ from the programs': " + rc);
      }
    }));
    return tests.stream();
  }

  private static void check(Program p, Runner.Batch batch, Comparer comparer,
      Optional<String> known) {
    if (batch.losses().any()) { // a missing call would read as a naming mismatch
      fail("ior lost " + batch.losses() + " in this batch, also with a " + Runner.RETRY_RING
          + " ring: its calls cannot be compared; ior's stderr:\n" + batch.iorErr());
    }
    var strace = batch.strace().get(p.name());
    var ior = batch.ior().get(p.name());
    if (strace == null || ior == null) {
      fail(p.name() + " did not run to its marker under " + (strace == null ? "strace" : "ior")
          + "; ior's stderr:\n" + batch.iorErr());
    }
    List<Mismatch> ms = comparer.compare(strace, batch.straceRoot(), ior, batch.iorRoot());
    if (ms.isEmpty()) {
      return;
    }
    String report = ms.size() + " mismatches of " + p.name() + " (kind " + p.kind().id() + "):\n"
        + ms.stream().limit(8).map(m -> "  " + m).collect(Collectors.joining("\n"))
        + "\nprogram:\n" + p.main();
    if (known.isPresent()) {
      System.err.println("SKIPPED (known difference: " + known.get() + "): " + report);
      Assumptions.abort("known difference of kind " + p.kind().id() + ": " + known.get());
    }
    fail(report);
  }

  private static void requireTool(String tool) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
    if (p.waitFor() != 0) {
      System.err.println("SKIPPED: " + tool + " not found (scripts/install-deps.sh --test)");
      Assumptions.abort(tool + " not found");
    }
  }
}
