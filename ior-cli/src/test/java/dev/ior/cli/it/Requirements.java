// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ior.bpf.TraceException;
import dev.ior.bpf.load.Preflight;
import dev.ior.testdata.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** What the end-to-end CLI tests share: the BPF gate and running the workload. */
final class Requirements {
  private Requirements() {}

  /**
   * Skips the test with a printed reason where root or BPF is missing; fails instead when
   * {@code IOR_REQUIRE_BPF=1} (CI).
   */
  static void requireBpf() {
    try {
      Preflight.check();
    } catch (TraceException e) {
      if ("1".equals(System.getenv("IOR_REQUIRE_BPF"))) {
        fail("needs root and BPF: " + e.getMessage());
      }
      System.err.println("SKIPPED: needs root and BPF: " + e.getMessage());
      Assumptions.abort(e.getMessage());
    }
  }

  /** Runs {@code iorwl MODE DIR} to completion, its output on ours. */
  static void runWorkload(String mode, Path dir) throws Exception {
    Process w = new ProcessBuilder(Workload.binary().toString(), mode, dir.toString())
        .inheritIO().start();
    assertEquals(0, w.waitFor(), "iorwl " + mode);
  }
}
