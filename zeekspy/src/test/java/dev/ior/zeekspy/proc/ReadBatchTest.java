// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ior.zeekspy.ZeekSpyException;
import org.junit.jupiter.api.Test;

/** Batches and process_vm_readv on this JVM's own memory (no privileges needed). */
class ReadBatchTest {
  @Test
  void growsAndKeepsAlignment() {
    ReadBatch b = new ReadBatch(1, 64);
    int a = b.add(0x1000, 3);
    int c = b.add(0x2000, 100);
    assertEquals(0, b.offset(a));
    assertEquals(8, b.offset(c));
    assertEquals(2, b.size());
    b.clear();
    assertEquals(0, b.size());
    assertThrows(IllegalArgumentException.class, () -> b.add(0x1000, 0));
  }

  @Test
  void readsOwnMemoryAndMarksUnmappedRanges() {
    try (Memory m = new Memory(64);
        VmReadvMemory mem = new VmReadvMemory(ProcessHandle.current().pid())) {
      m.setLong(0, 0x1122334455667788L);
      m.setInt(8, 42);
      long base = Pointer.nativeValue(m);
      ReadBatch b = new ReadBatch(4, 64);
      int ok1 = b.add(base, 8);
      int bad = b.add(8, 8); // page 0 is never mapped
      int ok2 = b.add(base + 8, 4);
      mem.read(b);
      assertTrue(b.ok(ok1));
      assertFalse(b.ok(bad));
      assertTrue(b.ok(ok2), "reads after a failed range must still happen");
      assertEquals(0x1122334455667788L, b.getLong(ok1, 0));
      assertEquals(42, b.getInt(ok2, 0));
      assertThrows(IndexOutOfBoundsException.class, () -> b.getLong(ok2, 0));
    }
  }

  @Test
  void manyRequestsSpanSeveralSystemCalls() {
    try (Memory m = new Memory(8 * 3000);
        VmReadvMemory mem = new VmReadvMemory(ProcessHandle.current().pid())) {
      long base = Pointer.nativeValue(m);
      ReadBatch b = new ReadBatch(8, 64);
      for (int i = 0; i < 3000; i++) {
        m.setLong(8L * i, i * 7L);
        b.add(base + 8L * i, 8);
      }
      mem.read(b);
      for (int i = 0; i < 3000; i++) {
        assertTrue(b.ok(i));
        assertEquals(i * 7L, b.getLong(i, 0));
      }
    }
  }

  @Test
  void missingProcessIsReportedAsExited() {
    long pid = unusedPid();
    try (VmReadvMemory mem = new VmReadvMemory(pid)) {
      ReadBatch b = new ReadBatch(1, 8);
      b.add(0x1000, 8);
      ZeekSpyException e = assertThrows(ZeekSpyException.class, () -> mem.read(b));
      assertEquals(ZeekSpyException.Reason.TARGET_EXITED, e.reason());
    }
  }

  static long unusedPid() {
    for (long pid = 4_000_000; ; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }
}
