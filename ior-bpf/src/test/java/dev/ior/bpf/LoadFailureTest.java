// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.bpf.load.BpfObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A load the kernel refuses says why in libbpf's words, although loads run with libbpf's log
 * muted (its debug lines cost the start ~10 ms), and the next load works.
 */
class LoadFailureTest {
  @BeforeEach
  void requireBpf() {
    BpfRequirement.check();
  }

  @Test
  void aRefusedLoadQuotesLibbpfAndTheNextLoadWorks() throws Exception {
    // A ring of 0 bytes: the kernel refuses the map (EINVAL) and libbpf says which.
    TraceException e = assertThrows(TraceException.class, () -> BpfObject.load(0));
    assertTrue(e.getMessage().startsWith("loading the BPF programs failed: Invalid argument"),
        e.getMessage());
    assertTrue(e.getMessage().contains("libbpf: ") && e.getMessage().contains("ior_events"),
        "libbpf's warning about the ring map: " + e.getMessage());
    try (BpfObject b = BpfObject.load(1 << 20)) {
      assertTrue(b.ringFd() > 0);
    }
  }
}
