// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ior.bpf.load.Preflight;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that load BPF: they skip with the printed reason where root or BPF is missing,
 * and fail instead when {@code IOR_REQUIRE_BPF=1} (CI runs as root on a BPF-capable kernel).
 */
final class BpfRequirement {
  private BpfRequirement() {}

  static void check() {
    try {
      Preflight.check();
    } catch (TraceException e) {
      String why = "BPF end-to-end test needs root and BPF: " + e.getMessage();
      if ("1".equals(System.getenv("IOR_REQUIRE_BPF"))) {
        fail(why + " (IOR_REQUIRE_BPF=1)");
      }
      System.err.println("SKIPPED: " + why);
      Assumptions.abort(why);
    }
  }
}
