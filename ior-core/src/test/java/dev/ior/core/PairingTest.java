// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.stats.LossKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.stats.TraceStats;
import org.junit.jupiter.api.Test;

/** Enter/exit pairing per thread, with the edge cases of ior's event loop tests. */
class PairingTest {

  @Test
  void pairsEnterWithExitAndComputesDurationAndGap() {
    Scenario s = new Scenario().open(10, "/etc/hosts", 0, 3).call(10, "read", 3, 512);
    assertEquals(2, s.pairs.size());
    PairRecord open = s.pairs.get(0);
    assertEquals("openat", open.syscall().name());
    assertEquals(100, open.durationNs());
    assertEquals(0, open.gapNs(), "first syscall of a thread has no previous one");
    PairRecord read = s.last();
    assertEquals(100, read.gapNs(), "enter of read minus exit of openat");
    assertEquals(512, read.bytes());
    assertEquals("work", read.comm());
  }

  @Test
  void exitWithoutEnterIsCountedNotPaired() {
    Scenario s = new Scenario().exit(10, 10, "read", 5);
    assertEquals(0, s.pairs.size());
    assertEquals(1, s.pipeline.stats().losses().count(LossKind.EXIT_WITHOUT_ENTER));
    assertTrue(s.pipeline.stats().lossy());
  }

  @Test
  void enterReplacedByAnotherEnterCountsTheFirstAsLost() {
    Scenario s = new Scenario().enterArgs(10, 10, "read", 3, 0, 0)
        .enterArgs(10, 10, "write", 4, 0, 0).exit(10, 10, "write", 7);
    assertEquals(1, s.pairs.size());
    assertEquals("write", s.last().syscall().name());
    assertEquals(1, s.pipeline.stats().losses().count(LossKind.ENTER_WITHOUT_EXIT));
  }

  @Test
  void exitOfAnotherSyscallIsMismatched() {
    Scenario s = new Scenario().enterArgs(10, 10, "read", 3, 0, 0).exit(10, 10, "write", 7);
    assertEquals(0, s.pairs.size());
    assertEquals(1, s.pipeline.stats().losses().count(LossKind.MISMATCHED));
  }

  @Test
  void interleavedThreadsPairIndependently() {
    Scenario s = new Scenario()
        .enterArgs(10, 11, "read", 3, 0, 0)
        .enterArgs(10, 12, "write", 4, 0, 0)
        .exit(10, 11, "read", 1)
        .exit(10, 12, "write", 2);
    assertEquals(2, s.pairs.size());
    assertEquals(11, s.pairs.get(0).tid());
    assertEquals("read", s.pairs.get(0).syscall().name());
    assertEquals(12, s.pairs.get(1).tid());
    assertEquals(2, s.pairs.get(1).bytes());
    assertEquals(0, s.pipeline.stats().lost());
  }

  @Test
  void pendingEntersAtStopAreInFlightNotLost() {
    Scenario s = new Scenario().enterArgs(10, 10, "read", 3, 0, 0);
    s.pipeline.finish();
    TraceStats st = s.pipeline.stats();
    assertEquals(1, st.calls().inFlightAtStop());
    assertFalse(st.lossy());
  }

  @Test
  void threadExitWithPendingEnterCountsLostEnter() {
    Scenario s = new Scenario().enterArgs(10, 11, "read", 3, 0, 0).taskExit(10, 11);
    s.pipeline.finish();
    assertEquals(1, s.pipeline.stats().losses().count(LossKind.ENTER_WITHOUT_EXIT));
    assertEquals(0, s.pipeline.stats().calls().inFlightAtStop());
  }

  @Test
  void restartCodesAreNotErrors() {
    Scenario s = new Scenario().call(10, "read", 3, -512).call(10, "read", 3, -2);
    assertFalse(s.pairs.get(0).failed());
    assertTrue(s.pairs.get(1).failed());
    TraceStats st = s.pipeline.stats();
    assertEquals(1, st.calls().restarts());
    assertEquals(1, st.calls().failed());
    assertEquals(0, s.pairs.get(0).bytes());
  }

  @Test
  void bytesCountOnlyForTheIoFamily() {
    Scenario s = new Scenario().open(10, "/a", 0, 3).call(10, "read", 3, 100)
        .call(10, "pwrite64", 3, 50).call(10, "lseek", 3, 4096)
        .call(10, 10, "sendfile64", 5, 3, 0, 7);
    TraceStats st = s.pipeline.stats();
    assertEquals(100, st.bytes().read());
    assertEquals(50, st.bytes().written());
    assertEquals(7, st.bytes().transferred());
    assertEquals(0, s.pairs.get(3).bytes(), "lseek returns an offset, not bytes");
  }

  @Test
  void unknownSyscallIdAndShortRecordsAreMalformed() {
    Scenario s = new Scenario();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 2).putInt(4, 9999);
    s.pipeline.accept(b, 0, 64);
    s.pipeline.accept(b, 0, 10);
    b.putInt(0, 77);
    s.pipeline.accept(b, 0, 64);
    assertEquals(3, s.pipeline.stats().losses().count(LossKind.MALFORMED));
    assertEquals(0, s.pairs.size());
  }
}
