// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparer on calls as both tracers print them, with ior's real shapes table. */
class ComparerTest {
  private final Comparer comparer;

  ComparerTest() throws Exception {
    comparer = new Comparer(Shapes.read(Path.of("..").toAbsolutePath()));
  }

  private static List<Call> strace(String... lines) {
    return StraceParser.parse(String.join("\n", lines));
  }

  private static Call ior(String syscall, int fd, long ret, String file, String file2) {
    return new Call(1, syscall, ret, null, List.of(), fd, file, file2, syscall);
  }

  @Test
  void theRulesMakeEqualWhatOnlyTheRunChanged() {
    List<Call> s = strace(
        "1 openat(-100</S/p>, \"d0\", 0x410002, 0600) = 7</S/p/d0/#2155808>(deleted)",
        "1 pipe2([3<pipe:[24076]>, 4<pipe:[24076]>], 0x800) = 0",
        "1 write(4<pipe:[24076]>, \"a\", 1) = 1",
        "1 mmap(NULL, 4, 0x1, 0x1, 7</S/p/d0/#2155808>(deleted), 0) = 0x7fce55e40000",
        "1 unlink(\"d0/../f1\") = 0",
        "1 clone(child_stack=NULL, flags=0x1200000|17) = 5908");
    List<Call> i = List.of(
        ior("openat", 7, 7, "/I/p/d0/#99 (deleted)", null),
        ior("pipe2", -1, 0, null, null),
        ior("write", 4, 1, "pipe:[777]", null),
        ior("mmap", 7, 0x7f0000001000L, "/I/p/d0/#99 (deleted)", null),
        ior("unlink", -1, 0, "/chroot/view/f1", null),
        ior("clone", -1, 6001, null, null));
    assertEquals(List.of(), comparer.compare(renumbered(s), "/S", i, "/I"));
  }

  @Test
  void aWrongNameAClosedFdWithAFileAndAMissingCallAreMismatches() {
    List<Call> s = strace(
        "1 write(3</S/p/f0.1>, \"g\", 1) = 1",
        "1 write(3, \"g\", 1) = -1 EBADF (Bad file descriptor)",
        "1 openat(-100</S/p>, \"f1\", 0) = -1 EPERM (Operation not permitted)");
    List<Call> i = List.of(ior("write", 3, 1, "/I/p/f0", null),
        ior("write", 3, -9, "/I/p/f0", null));
    List<Mismatch> ms = comparer.compare(renumbered(s), "/S", i, "/I");
    assertEquals(List.of("write:file", "write:file", "openat:missing"),
        ms.stream().map(Mismatch::signature).toList());
    assertEquals("$RUN/p/f0.1", ms.get(0).strace());
    assertEquals("$RUN/p/f0", ms.get(0).ior());
    assertEquals("", ms.get(1).strace());
    assertTrue(ms.get(2).straceLine().contains("EPERM"));
  }

  @Test
  void aNameOfPathMaxBytesIsNotComparedThoughItsRunRootIsShorterAsRun() {
    // 17 levels of 238 bytes under a 35-byte run root: 4,098 bytes, which /proc cannot give
    // strace; as "$RUN/..." the same name is 4,078 bytes long.
    String root = "/tmp/ior-difftest/run-i/s7018r1all";
    String levels = ("/" + "L".repeat(238)).repeat(17);
    List<Call> s = strace("1 openat(3</S/x>, \"" + "L".repeat(238) + "\", 0x10000) = 4");
    List<Call> i = List.of(ior("openat", 4, 4, root + levels, null));
    assertEquals(List.of(), comparer.compare(renumbered(s), "/S", i, root));
    // One level less (3,859 bytes) is within PATH_MAX: strace's missing name is a mismatch.
    String shorter = root + ("/" + "L".repeat(238)).repeat(16);
    assertEquals(List.of("openat:file"), comparer.compare(renumbered(s), "/S",
        List.of(ior("openat", 4, 4, shorter, null)), root).stream()
        .map(Mismatch::signature).toList());
  }

  private static List<Call> renumbered(List<Call> calls) {
    return calls.stream().map(c -> new Call(1, c.syscall(), c.ret(), c.retName(), c.args(),
        c.fd(), c.file(), c.file2(), c.line())).toList();
  }
}
