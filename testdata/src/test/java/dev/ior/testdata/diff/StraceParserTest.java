// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** strace's line forms, as strace 6 printed them on this project's programs. */
class StraceParserTest {
  @Test
  void decorationsErrorsAndDeletedFiles() {
    List<Call> calls = StraceParser.parse(String.join("\n",
        "29030 openat(-100</w/s2>, \"d0\", 0x410002, 0600) = 7</w/s2/d0/#2155808>(deleted)",
        "29030 write(7</w/s2/d0/#2155808>(deleted), \"gggg\", 4) = 4",
        "11817 openat(-100</tmp/difftry>, \"/nonexist\", 0) = -1 ENOENT (No such file or directory)",
        "11817 sendfile(4<pipe:[24076]>, 7</tmp/c.txt>, NULL, 2) = 0",
        "11817 mmap(NULL, 4, 0x1, 0x1, 7</tmp/c.txt>, 0) = 0x7fce55e40000",
        "19647 read(8<pipe:[221163]>, 0x4c8a60, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
        "5908  +++ superseded by execve in pid 5909 +++"));
    assertEquals(6, calls.size());
    assertEquals("/w/s2/d0/#2155808 (deleted)", calls.get(0).retName());
    assertEquals(7, calls.get(0).ret());
    assertEquals("/w/s2/d0/#2155808 (deleted)", calls.get(1).args().get(0).name());
    assertEquals(-2, calls.get(2).ret());
    assertNull(calls.get(2).retName());
    assertEquals("sendfile64", calls.get(3).syscall());
    assertEquals("/tmp/c.txt", calls.get(3).args().get(1).name());
    assertEquals(0x7fce55e40000L, calls.get(4).ret());
    assertEquals(-512, calls.get(5).ret());
  }

  @Test
  void unfinishedCallsAreJoinedAndAnExecFromAThreadStaysWithTheThread() {
    List<Call> calls = StraceParser.parse(String.join("\n",
        "12 read(3<pipe:[1]>,  <unfinished ...>",
        "13 write(4<pipe:[1]>, \"x\", 1) = 1",
        "12 <... read resumed>\"x\", 1) = 1",
        "5909  execve(\"/proc/self/exe\", [\"s30\", \"after\"], 0x7f /* 0 vars */ <pid changed to 5908 ...>",
        "5908  <... execve resumed>)             = 0"));
    assertEquals(List.of("read", "write", "execve"), calls.stream().map(Call::syscall).toList());
    assertEquals(12, calls.get(0).tid());
    assertEquals(1, calls.get(0).ret());
    assertEquals("pipe:[1]", calls.get(0).args().get(0).name());
    assertEquals(5909, calls.get(2).tid());
    assertEquals(0, calls.get(2).ret());
  }
}
