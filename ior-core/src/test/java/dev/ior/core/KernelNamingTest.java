// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairMarks;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.decode.RecordLayout;
import org.junit.jupiter.api.Test;

/**
 * A file's name is the kernel's at the call: the name the kernel walked for the new descriptor
 * of an open (not the path string), a newer kernel name over the table's, no file for a
 * descriptor the kernel says is not open, one table for processes that share one. Records are
 * encoded as the kernel sends them (see ior.bpf.c); the kernel side is proven end to end in
 * ior-bpf's NamesEndToEndTest.
 */
class KernelNamingTest {
  private static final Ident LOG = Scenario.id(100);
  private static final Ident ROTATED = Scenario.id(101);
  private static final Ident TARGET = Scenario.id(500);
  private static final long PIPEFS = 0x50495045L;
  private static final long NSFS = 0x6e736673L;
  private static final long PIDFS = 0x50494446L;
  private static final long ANON = 0x09041934L;

  @Test
  void anOpensNameIsTheKernelsNotThePathString() {
    // open("/proc/self/fd/5") and open("link") name the file they reach, and that name (not the
    // link string, which stays the open's argument) is what the descriptor and other processes
    // see for the identity
    Scenario s = new Scenario().name(TARGET, "target", "data")
        .enterPath(5, 5, "openat", -100, "/proc/self/fd/5", 0).exit(5, 5, "openat", 3, TARGET);
    assertEquals("/data/target", s.last().file(), "strace -y's name of the returned fd");
    assertEquals("/proc/self/fd/5", s.last().file2(), "the open's argument, as strace shows it");
    s.kernelFd(5, 5, "read", 3, TARGET, 0).exit(5, 5, "read", 1);
    assertEquals("/data/target", s.last().file());
    s.kernelFd(9, 9, "read", 4, TARGET, 0).exit(9, 9, "read", 1);
    assertEquals("/data/target", s.last().file());
  }

  @Test
  void aTmpfileIsNamedAsTheKernelNamesItAndLinkatNamesItToo() {
    Ident tmp = Scenario.id(600);
    Ident dir = Scenario.id(601);
    Scenario s = new Scenario().name(dir, "tmp").name(tmp, 0xEF53, 0, "#600", "tmp")
        .enterPath(5, 5, "openat", -100, "/tmp", 0x410000).exit(5, 5, "openat", 3, tmp)
        .kernelFd(5, 5, "write", 3, tmp, 0).exit(5, 5, "write", 4);
    assertEquals("/tmp/#600 (deleted)", s.last().file(), "not the directory");
    s.enterName(5, 5, "linkat", 3, "", -100, "/tmp/kept").exit(5, 5, "linkat", 0);
    assertEquals("/tmp/#600 (deleted)", s.last().file(), "AT_EMPTY_PATH: the file itself");
  }

  @Test
  void aRenameWhileOpenShowsTheNewNameTheKernelSends() {
    Scenario s = new Scenario().name(LOG, "app.log", "var")
        .enterPath(5, 5, "openat", -100, "/var/app.log", 1).exit(5, 5, "openat", 3, LOG)
        .kernelFd(5, 5, "write", 3, LOG, 0).exit(5, 5, "write", 1);
    assertEquals("/var/app.log", s.last().file());
    // logrotate: app.log -> app.log.1, a new app.log; the kernel names the old file again
    s.name(LOG, "app.log.1", "var").name(ROTATED, "app.log", "var")
        .enterPath(5, 5, "openat", -100, "/var/app.log", 1).exit(5, 5, "openat", 4, ROTATED)
        .kernelFd(5, 5, "write", 3, LOG, 0).exit(5, 5, "write", 1);
    assertEquals("/var/app.log.1", s.last().file(), "the table's stored name does not win");
    s.kernelFd(5, 5, "write", 4, ROTATED, 0).exit(5, 5, "write", 1);
    assertEquals("/var/app.log", s.last().file());
  }

  @Test
  void aFileDeletedWhileOpenIsMarkedAndItsSuccessorIsNot() {
    Scenario s = new Scenario().name(LOG, "db", "var")
        .enterPath(5, 5, "openat", -100, "/var/db", 1).exit(5, 5, "openat", 3, LOG)
        .name(LOG, 0xEF53, 0, "db", "var").name(ROTATED, "db", "var")
        .enterPath(5, 5, "openat", -100, "/var/db", 1).exit(5, 5, "openat", 4, ROTATED)
        .kernelFd(5, 5, "write", 3, LOG, 0).exit(5, 5, "write", 1);
    assertEquals("/var/db (deleted)", s.last().file());
    s.kernelFd(5, 5, "write", 4, ROTATED, 0).exit(5, 5, "write", 1);
    assertEquals("/var/db", s.last().file());
  }

  @Test
  void pseudoFilesAreNamedAsProcNamesThem() {
    Ident pipe = new Ident().set(77, 14, 0);
    Ident net = new Ident().set(4026531840L, 4, 0);
    Ident pidfd = new Ident().set(1234, 21, 0);
    Ident efd = new Ident().set(0xffff888012345678L, 15, 11);
    Ident epoll = new Ident().set(0xffff888012345000L, 15, 12);
    Scenario s = new Scenario().name(pipe, PIPEFS, 1, "").name(net, NSFS, 1, "net")
        .name(pidfd, PIDFS, 1, "").name(efd, ANON, 1, "[eventfd]")
        .name(epoll, ANON, 1, "[eventpoll]");
    String[] want = {"pipe:[77]", "net:[4026531840]", "anon_inode:[pidfd]",
        "anon_inode:[eventfd]", "anon_inode:[eventpoll]"};
    Ident[] ids = {pipe, net, pidfd, efd, epoll};
    for (int i = 0; i < ids.length; i++) {
      s.kernelFd(5, 5, "read", 3 + i, ids[i], 0).exit(5, 5, "read", 8);
      assertEquals(want[i], s.last().file());
    }
  }

  @Test
  void aDescriptorTheKernelSaysIsNotOpenHasNoFile() {
    // clone(CLONE_FILES): the child closes fd 3 in the one table both use
    Scenario s = new Scenario().name(LOG, "f", "w")
        .enterPath(5, 5, "openat", -100, "/w/f", 0).exit(5, 5, "openat", 3, LOG)
        .forkSharingFiles(5, 6).call(6, "close", 3, 0);
    assertTrue(!s.pipeline.stats().lossy());
    s.enterArgs(5, 5, "read", 3, 0, 0).exit(5, 5, "read", -9);
    assertNull(s.last().file(), "the shared table saw the child's close");
    s.kernelFd(5, 5, "read", 3, new Ident(), 0).exit(5, 5, "read", -9);
    assertNull(s.last().file(), "the kernel said: not open");
  }

  @Test
  void aRefusedCallIsShownMarkedAndCounted() {
    Scenario s = new Scenario().name(LOG, "f", "w")
        .kernelFd(5, 5, "write", 3, LOG, RecordLayout.F_REFUSED).exit(5, 5, "write", -1);
    assertEquals(PairMarks.REFUSED, s.last().marks() & PairMarks.REFUSED);
    assertEquals("/w/f", s.last().file());
    assertEquals(1, s.pipeline.stats().calls().refused());
  }
}
