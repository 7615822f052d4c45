// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in table, with the fixes over the original ior's classification. */
class SyscallTableTest {
  private final SyscallTable t = SyscallTable.standard();

  @Test
  void hasEveryOriginalSyscallPlusTransfers() {
    assertEquals(113, t.all().size());
    for (String n : List.of("sendfile64", "copy_file_range", "splice", "tee")) {
      assertEquals(IoKind.TRANSFER, t.byName(n).io(), n);
    }
    assertNull(t.byId(0));
    assertNull(t.byId(10_000));
  }

  @Test
  void idsAreStableAndDense() {
    for (int i = 1; i <= t.all().size(); i++) {
      assertNotNull(t.byId(i), "id " + i);
    }
    assertEquals("read", t.byId(72).name(), "ids are a contract with recorded streams");
    assertEquals("openat", t.byId(100).name());
  }

  @Test
  void fixesOverTheOriginalClassification() {
    assertEquals(Shape.OPEN, t.byName("creat").shape());
    assertEquals(Shape.OPENHOW, t.byName("openat2").shape());
    assertEquals(List.of(4), t.byName("mmap").args());
    assertEquals(Shape.PATH, t.byName("open_tree").shape());
    assertEquals(List.of(0, 1, 2), t.byName("close_range").args());
    assertTrue(t.byName("symlinkat").literalOldName());
  }

  @Test
  void readAndWriteFamiliesCountBytes() {
    for (String n : List.of("read", "pread64", "readv", "preadv", "preadv2")) {
      assertEquals(IoKind.READ, t.byName(n).io(), n);
    }
    for (String n : List.of("write", "pwrite64", "writev", "pwritev", "pwritev2")) {
      assertEquals(IoKind.WRITE, t.byName(n).io(), n);
    }
  }
}
