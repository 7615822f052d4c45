// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairMarks;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.trace.spi.ProcFs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptor life cycle: open, dup family, fcntl, close, close_range, exec, fork, exit. */
class FdTrackingTest {
  static final int O_WRONLY = 01;
  static final int O_RDWR = 02;
  static final int O_CREAT = 0100;
  static final int O_APPEND = 02000;
  static final int O_NONBLOCK = 04000;
  static final int O_CLOEXEC = 02000000;

  @Test
  void openedFileIsKnownToLaterFdCalls() {
    Scenario s = new Scenario().open(10, "/data/log", O_WRONLY | O_CREAT, 5)
        .call(10, "write", 5, 10);
    assertEquals("/data/log", s.last().file());
    assertEquals(5, s.last().fd());
    assertEquals(O_WRONLY | O_CREAT, s.last().flags());
    assertEquals(5, s.pairs.get(0).fd(), "open's fd is its return value");
  }

  @Test
  void failedCallsChangeNothing() {
    Scenario s = new Scenario().open(10, "/missing", 0, -2).call(10, "read", 3, -9);
    assertEquals("/missing", s.pairs.get(0).file());
    assertEquals(-1, s.pairs.get(0).fd());
    assertNull(s.last().file(), "fd 3 was never opened");
    s.open(10, "/a", 0, 3).call(10, "close", 3, -4).call(10, "read", 3, 1);
    assertEquals("/a", s.last().file(), "a failed close keeps the fd");
  }

  @Test
  void closeRemovesAndReportsTheClosedFile() {
    Scenario s = new Scenario().open(10, "/a", 0, 3).call(10, "close", 3, 0);
    assertEquals("/a", s.last().file());
    s.call(10, "read", 3, 1);
    assertNull(s.last().file());
  }

  @Test
  void dupFamilyCopiesAndDup3SetsCloexec() {
    Scenario s = new Scenario().open(10, "/a", O_RDWR, 3)
        .call(10, 10, "dup", 3, 0, 0, 4)
        .call(10, 10, "dup2", 3, 7, 0, 7)
        .call(10, 10, "dup3", 3, 8, O_CLOEXEC, 8);
    for (int fd : new int[] {4, 7, 8}) {
      s.call(10, "read", fd, 1);
      assertEquals("/a", s.last().file(), "fd " + fd);
      assertEquals(O_RDWR, s.last().flags());
    }
    s.exec(10, "newimg").call(10, "read", 8, 1);
    assertNull(s.last().file(), "dup3 O_CLOEXEC fd is closed by exec");
    s.call(10, "read", 7, 1);
    assertEquals("/a", s.last().file(), "dup2 fd survives exec");
    assertEquals("newimg", s.last().comm());
  }

  @Test
  void fcntlDupfdSetflAndSetfd() {
    Scenario s = new Scenario().open(10, "/a", O_WRONLY, 3)
        .call(10, 10, "fcntl", 3, 0, 10, 10)       // F_DUPFD
        .call(10, 10, "fcntl", 3, 1030, 20, 20)    // F_DUPFD_CLOEXEC
        .call(10, 10, "fcntl", 3, 4, O_APPEND | O_NONBLOCK | O_CREAT, 0) // F_SETFL
        .call(10, 10, "fcntl", 10, 2, 1, 0);       // F_SETFD FD_CLOEXEC
    s.call(10, "write", 3, 1);
    assertEquals(O_WRONLY | O_APPEND | O_NONBLOCK, s.last().flags(),
        "F_SETFL changes status flags only, not creation flags");
    s.call(10, "write", 20, 1);
    assertEquals("/a", s.last().file());
    s.exec(10, "x").call(10, "write", 10, 1);
    assertNull(s.last().file(), "F_SETFD made fd 10 close-on-exec");
    s.call(10, "write", 20, 1);
    assertNull(s.last().file(), "F_DUPFD_CLOEXEC fd closed by exec");
    s.call(10, "write", 3, 1);
    assertEquals("/a", s.last().file());
  }

  @Test
  void closeRangeClosesOrMarksCloexec() {
    Scenario s = new Scenario().open(10, "/a", 0, 3).open(10, "/b", 0, 4).open(10, "/c", 0, 9)
        .call(10, 10, "close_range", 3, 4, 0, 0);
    s.call(10, "read", 3, 1);
    assertNull(s.last().file());
    s.call(10, "read", 4, 1);
    assertNull(s.last().file());
    s.call(10, "read", 9, 1);
    assertEquals("/c", s.last().file());
    s.call(10, 10, "close_range", 5, 0xffffffffL, 4, 0).exec(10, "y").call(10, "read", 9, 1);
    assertNull(s.last().file(), "CLOSE_RANGE_CLOEXEC up to ~0U, then exec");
  }

  @Test
  void processesHaveSeparateTablesAndThreadsShareOne() {
    Scenario s = new Scenario().open(10, "/ten", 0, 3).open(11, "/eleven", 0, 3)
        .call(10, 12, "read", 3, 0, 0, 1);
    assertEquals("/ten", s.last().file(), "thread 12 of process 10 uses 10's table");
    s.call(11, "read", 3, 1);
    assertEquals("/eleven", s.last().file());
  }

  @Test
  void forkCopiesTheTableAtTheForkNotAtTheChildsFirstCall() {
    Scenario s = new Scenario().open(10, "/inherited", 0, 3).fork(10, 20)
        .call(10, "close", 3, 0).open(10, "/reused", 0, 3)
        .call(20, "write", 3, 1);
    assertEquals("/inherited", s.last().file(), "the parent's later close/open is not the child's");
  }

  @Test
  void leaderExitDoesNotEndAProcessWhoseThreadsLive() {
    Scenario s = new Scenario().threads(10, 2).open(10, "/kept", 0, 3).taskExit(10, 10)
        .call(10, 11, "write", 3, 0, 0, 1);
    assertEquals("/kept", s.last().file());
    s.taskExit(10, 11).call(10, "write", 3, 1);
    assertNull(s.last().file(), "the last thread's exit frees the table");
  }

  @Test
  void dup2OntoItselfChangesNothing() {
    Scenario s = new Scenario().open(10, "/a", O_CLOEXEC, 3)
        .call(10, 10, "dup2", 3, 3, 0, 3).exec(10, "x").call(10, "read", 3, 1);
    assertNull(s.last().file(), "dup2(3, 3) did not clear close-on-exec");
  }

  @Test
  void forkCopiesTheTableAndExitFreesIt() {
    Scenario s = new Scenario().open(10, "/inherited", 0, 3).fork(10, 20)
        .call(20, "read", 3, 1);
    assertEquals("/inherited", s.last().file());
    s.call(20, "close", 3, 0).call(10, "read", 3, 1);
    assertEquals("/inherited", s.last().file(), "child's close leaves the parent's fd");
    s.taskExit(10, 10).call(10, "read", 3, 1);
    assertNull(s.last().file(), "table freed when the process exited");
  }

  @Test
  void fdsTheKernelDidNotNameAreLookedUpOnceThroughProcFsAndMarkedLate() {
    Map<String, Integer> lookups = new HashMap<>();
    ProcFs fake = new ProcFs() {
      @Override
      public String fdPath(int pid, int fd) {
        lookups.merge(pid + ":" + fd, 1, Integer::sum);
        return fd == 7 ? "/var/old.log" : null;
      }

      @Override
      public int fdFlags(int pid, int fd) {
        return O_APPEND;
      }

      @Override
      public String cwd(int pid) {
        return "/home/u";
      }
    };
    Scenario s = new Scenario(PairFilter.NONE, fake);
    Ident seven = Scenario.id(70);
    Ident eight = Scenario.id(80);
    s.enterFd(10, 10, "write", 7, seven).exit(10, 10, "write", 1)
        .enterFd(10, 10, "write", 7, seven).exit(10, 10, "write", 1)
        .enterFd(10, 10, "write", 8, eight).exit(10, 10, "write", 1)
        .enterFd(10, 10, "write", 8, eight).exit(10, 10, "write", 1);
    assertEquals("/var/old.log", s.pairs.get(0).file());
    assertEquals(O_APPEND, s.pairs.get(0).flags());
    assertTrue((s.pairs.get(0).marks() & PairMarks.FILE_LATE) != 0, "marked as looked up late");
    assertNull(s.last().file());
    assertEquals(Map.of("10:7", 1, "10:8", 1), lookups);
    s.call(10, "write", 9, 1);
    assertNull(s.last().file(), "no identity: the fd was not open at the call; no lookup");
    assertEquals(Map.of("10:7", 1, "10:8", 1), lookups);
    s.open(10, "notes.txt", 0, 3);
    assertEquals("/home/u/notes.txt", s.last().file(), "AT_FDCWD resolves through the cwd");
  }

  @Test
  void relativePathsResolveThroughDirfdAndChdir() {
    Scenario s = new Scenario().open(10, "/srv", 0200000, 4)
        .enterPath(10, 10, "openat", 4, "db/x", 0).exit(10, 10, "openat", 5);
    assertEquals("/srv/db/x", s.last().file());
    assertEquals(5, s.pairs.get(1).fd(), "openat returns the new fd");
    s.enterPath(10, 10, "chdir", -100, "/tmp", 0).exit(10, 10, "chdir", 0)
        .enterPath(10, 10, "unlink", -100, "./junk", 0).exit(10, 10, "unlink", 0);
    assertEquals("/tmp/junk", s.last().file());
    s.call(10, "fchdir", 4, 0).enterPath(10, 10, "newstat", -100, "a", 0)
        .exit(10, 10, "newstat", 0);
    assertEquals("/srv/a", s.last().file());
  }

  @Test
  void renameReportsBothNamesAndSymlinkTargetIsLiteral() {
    Scenario s = new Scenario().enterPath(10, 10, "chdir", -100, "/w", 0).exit(10, 10, "chdir", 0)
        .enterName(10, 10, "rename", -100, "a", -100, "b").exit(10, 10, "rename", 0);
    assertEquals("/w/a", s.last().file());
    assertEquals("/w/b", s.last().file2());
    s.enterName(10, 10, "symlink", -100, "../target", -100, "link").exit(10, 10, "symlink", 0);
    assertEquals("../target", s.last().file());
    assertEquals("/w/link", s.last().file2());
  }

  @Test
  void creatAndOpenat2CarryOpenFlags() {
    Scenario s = new Scenario().enterPath(10, 10, "creat", -100, "/n", 0).exit(10, 10, "creat", 3)
        .call(10, "write", 3, 1);
    assertEquals("/n", s.last().file());
    assertEquals(O_WRONLY | O_CREAT | 01000, s.last().flags());
    s.enterPath(10, 10, "openat2", -100, "/m", O_RDWR | O_CLOEXEC).exit(10, 10, "openat2", 4)
        .exec(10, "z").call(10, "read", 4, 1);
    assertNull(s.last().file(), "openat2 with O_CLOEXEC in open_how");
  }

  @Test
  void transferNamesSourceAndDestination() {
    Scenario s = new Scenario().open(10, "/in", 0, 3).open(10, "/out", O_WRONLY, 4)
        .call(10, 10, "copy_file_range", 3, 4, 0, 4096);
    assertEquals("/in", s.last().file());
    assertEquals("/out", s.last().file2());
    assertEquals(4096, s.last().bytes());
  }

  @Test
  void unreadablePathIsNull() {
    Scenario s = new Scenario().enterPath(10, 10, "openat", -100, null, 0).exit(10, 10, "openat", 3);
    assertNull(s.last().file());
    s.call(10, "read", 3, 1);
    assertNull(s.last().file());
  }
}
