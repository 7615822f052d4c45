// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A test over its {@link IoBudget} fails, naming the calls; one within it passes. */
class IoBudgetTest {
  /** Run by the launcher below, not on its own. */
  @TraceIo
  static class Budgeted {
    @TempDir Path dir;

    @Test
    @IoBudget(bytesWritten = 10)
    void within() throws IOException {
      Files.writeString(dir.resolve("small"), "12345");
    }

    @Test
    @IoBudget(bytesWritten = 10)
    void over() throws IOException {
      Files.writeString(dir.resolve("big"), "12345678901");
    }
  }

  @Test
  void overBudgetFailsWithItsCalls() {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(
        Budgeted.class)).build(), listener);
    TestExecutionSummary s = listener.getSummary();
    if (s.getTestsAbortedCount() == 2) { // no BPF here: both skipped with the reason
      org.junit.jupiter.api.Assumptions.abort("BPF unavailable: the budgeted tests were skipped");
    }
    assertEquals(1, s.getTestsSucceededCount(), "within budget passes");
    assertEquals(1, s.getTestsFailedCount(), "over budget fails");
    String message = s.getFailures().get(0).getException().getMessage();
    assertTrue(message.startsWith("I/O budget: 11 bytes written, at most 10 allowed:"), message);
    assertTrue(message.contains("/big"), message);
  }
}
