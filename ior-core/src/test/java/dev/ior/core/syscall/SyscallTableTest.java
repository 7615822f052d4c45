// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The checked-in tables: ids, shapes, families and every arch's numbers. */
class SyscallTableTest {
  private final SyscallTable t = SyscallTable.standard();
  private final SyscallNumbers x86 = SyscallNumbers.of(t, Arch.X86_64);
  private final SyscallNumbers ia32 = SyscallNumbers.of(t, Arch.I386);

  @Test
  void idsAreStableAndDense() {
    for (int i = 1; i <= t.all().size(); i++) {
      assertNotNull(t.byId(i), "id " + i);
    }
    assertEquals("read", t.byId(72).name(), "ids are a contract with recorded streams");
    assertEquals("openat", t.byId(100).name());
    assertNull(t.byId(0));
    assertNull(t.byId(10_000));
  }

  @Test
  void everyX86SyscallIsSelectableAndEveryNameHasANumber() {
    assertEquals(List.of(), x86.unknownNames(), "x86_64 syscalls missing from syscalls.tsv");
    List<String> without = t.all().stream()
        .filter(s -> x86.numbers(s).isEmpty() && ia32.numbers(s).isEmpty())
        .map(Syscall::name).collect(Collectors.toList());
    assertEquals(List.of(), without, "names of syscalls.tsv with no number on x86_64 or ia32");
    assertEquals(257, (int) x86.numbers(t.byName("openat")).get(0));
    assertEquals("openat", x86.syscall(257).name());
    assertEquals("newfstat", x86.syscall(5).name());
  }

  @Test
  void compatNumbersMapToTheSameSyscalls() {
    assertEquals("open", ia32.syscall(5).name());
    assertEquals("write", ia32.syscall(4).name());
    assertEquals("close", ia32.syscall(6).name());
    assertEquals("newstat", ia32.syscall(195).name(), "stat64 is newstat for ior");
    assertEquals("fcntl", ia32.syscall(221).name(), "fcntl64");
    assertEquals("llseek", ia32.syscall(140).name(), "_llseek");
  }

  @Test
  void familiesCoverTheTableAndFileIoIsTheDefault() {
    for (Syscall s : t.all()) {
      assertTrue(SyscallTable.FAMILIES.contains(s.family()), s.name());
    }
    assertEquals("net", t.byName("connect").family());
    assertEquals("mem", t.byName("mmap").family());
    assertEquals("aio", t.byName("io_uring_enter").family());
    List<Syscall> dflt = SyscallSelection.select(t, SyscallSelection.Spec.ofRegexes(List.of(),
        List.of()));
    assertTrue(dflt.contains(t.byName("openat")) && dflt.contains(t.byName("io_submit")));
    assertTrue(!dflt.contains(t.byName("connect")) && !dflt.contains(t.byName("futex")));
    // file mappings are file I/O too (issue 18 kind 9); of mmap and munmap only files' by default
    SyscallSelection.Spec none = SyscallSelection.Spec.ofRegexes(List.of(), List.of());
    assertTrue(dflt.containsAll(List.of(t.byName("mmap"), t.byName("munmap"), t.byName("msync"))));
    assertTrue(!dflt.contains(t.byName("mprotect")) && !dflt.contains(t.byName("brk")));
    assertTrue(SyscallSelection.fileMapsOnly(none, t.byName("mmap")));
    assertTrue(!SyscallSelection.fileMapsOnly(none, t.byName("msync")));
    SyscallSelection.Spec mem = new SyscallSelection.Spec(List.of(), List.of(), List.of(),
        List.of("mem"));
    assertTrue(!SyscallSelection.fileMapsOnly(mem, t.byName("mmap")));
  }

  @Test
  void selectionsAddUpAndExcludesTakeAway() {
    SyscallSelection.Spec spec = new SyscallSelection.Spec(List.of("^sys_enter_fsync$"),
        List.of("sendto"), List.of("pread64"), List.of("net"));
    List<String> names = SyscallSelection.select(t, spec).stream().map(Syscall::name)
        .collect(Collectors.toList());
    assertTrue(names.containsAll(List.of("fsync", "pread64", "connect", "recvfrom")));
    assertTrue(!names.contains("sendto") && !names.contains("read"));
    assertThrows(IllegalArgumentException.class, () -> SyscallSelection.select(t,
        new SyscallSelection.Spec(List.of(), List.of(), List.of("nosuch"), List.of())));
    assertThrows(IllegalArgumentException.class, () -> SyscallSelection.select(t,
        new SyscallSelection.Spec(List.of(), List.of(), List.of(), List.of("disk"))));
  }

  @Test
  void fixesOverTheOriginalClassification() {
    assertEquals(Shape.OPEN, t.byName("creat").shape());
    assertEquals(Shape.OPENHOW, t.byName("openat2").shape());
    assertEquals(List.of(4), t.byName("mmap").args());
    assertEquals(Shape.PATH, t.byName("open_tree").shape());
    assertEquals(List.of(0, 1, 2), t.byName("close_range").args());
    assertTrue(t.byName("symlinkat").literalOldName());
    for (String n : List.of("sendfile64", "copy_file_range", "splice", "tee")) {
      assertEquals(IoKind.TRANSFER, t.byName(n).io(), n);
    }
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
