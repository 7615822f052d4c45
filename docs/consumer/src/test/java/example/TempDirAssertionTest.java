// SPDX-License-Identifier: Apache-2.0
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ior.junit.RecordedIo;
import dev.ior.junit.TraceIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The assertion "writes nothing outside its temp dir" proven both ways: one test, run here by the
 * JUnit Platform against a store that stays in its directory (it must pass) and against one that
 * stages its file in the system's temp directory (it must fail, naming the stray open). Without
 * root and BPF the runs are skipped and so is this test, with the reason.
 */
class TempDirAssertionTest {
  /** The test under test; the nested classes are run by {@link #run}, not by Maven. */
  @TraceIo
  abstract static class SavesOnlyIntoItsDirectory {
    abstract ReportStore store(Path dir);

    @Test
    void savesOnlyIntoItsDirectory(@TempDir Path dir, RecordedIo io) throws IOException {
      store(dir).save("report.txt", "hello");
      io.opened().noneOutside(dir);
    }
  }

  static class StagingBeside extends SavesOnlyIntoItsDirectory {
    @Override
    ReportStore store(Path dir) {
      return ReportStore.stagingBeside(dir);
    }
  }

  static class StagingInSystemTemp extends SavesOnlyIntoItsDirectory {
    @Override
    ReportStore store(Path dir) {
      return ReportStore.stagingInSystemTemp(dir);
    }
  }

  @Test
  void passesWhenTheCodeStaysInItsTempDir() {
    TestExecutionResult r = run(StagingBeside.class);
    assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.getStatus(), () -> "passes, but: "
        + r.getThrowable().map(Throwable::toString).orElse("?"));
  }

  @Test
  void failsWhenTheCodeWritesOutsideItsTempDir() {
    TestExecutionResult r = run(StagingInSystemTemp.class);
    assertEquals(TestExecutionResult.Status.FAILED, r.getStatus(), "fails");
    Throwable e = r.getThrowable().orElseThrow();
    assertTrue(e instanceof AssertionError, e.toString());
    // e.g. "2 of 2 opens touched files outside /tmp/junit-123:\n  openat(/tmp/report.txt...part)"
    String staged = Pattern.quote(Path.of(System.getProperty("java.io.tmpdir")).toString()
        + "/report.txt");
    assertTrue(Pattern.compile("\\d+ of \\d+ opens touched files outside /\\S+:\n  openat\\("
        + staged + "\\d+\\.part\\) = \\d+ ").matcher(e.getMessage()).find(), e.getMessage());
  }

  /** Runs the one test of {@code fixture}; skips this test with the reason when it was skipped. */
  private static TestExecutionResult run(Class<?> fixture) {
    List<TestExecutionResult> results = new ArrayList<>();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(fixture)).build(), new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
              results.add(result);
            }
          }
        });
    assertEquals(1, results.size(), "tests run in " + fixture.getSimpleName());
    TestExecutionResult r = results.get(0);
    if (r.getStatus() == TestExecutionResult.Status.ABORTED) {
      String why = r.getThrowable().map(Throwable::getMessage).orElse("skipped");
      System.err.println("SKIPPED: " + why);
      Assumptions.abort(why);
    }
    return r;
  }
}
