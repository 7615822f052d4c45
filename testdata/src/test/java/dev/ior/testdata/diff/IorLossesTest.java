// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IorLossesTest {
  @Test
  void readsTheRingsAndTheNamesLossesFromIorsStatistics() {
    // ior's statistics of a long_path batch under two busy loops
    String err = "ior: traced 2.1 s, 78 syscalls attached\n"
        + "  lost:               ring full 75,160, unread at stop 12, enter without exit 43, exit"
        + " without enter 0, pairs across a loss 0, mismatched 0, malformed 0, skipped by the"
        + " kernel 0, no thread state 0\n"
        + "  names:              0 paths cut (marked), 1 looked up late in /proc (marked), 34,052"
        + " kernel names lost\n";
    IorLosses lost = IorLosses.of(err);
    assertEquals(75_172, lost.records());
    assertEquals(34_052, lost.names());
    assertTrue(lost.any());
    assertEquals("75,172 records and 34,052 names", lost.toString());
  }

  @Test
  void aCleanRunLosesNothingEvenWithCallsInFlight() {
    String err = "  lost:               ring full 0, unread at stop 0, enter without exit 3, exit"
        + " without enter 0, pairs across a loss 0, mismatched 0, malformed 0, skipped by the"
        + " kernel 0, no thread state 0\n";
    assertFalse(IorLosses.of(err).any(), "enter without exit: threads killed in a call");
    assertFalse(IorLosses.of("").any(), "no statistics: nothing said lost");
  }
}
