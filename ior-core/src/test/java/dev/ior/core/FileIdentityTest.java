// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.stats.LossKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairMarks;
import dev.ior.core.internal.decode.Ident;
import org.junit.jupiter.api.Test;

/**
 * The kernel decides which file a descriptor is: the identity carried by each call beats what
 * user space remembers, and the kernel's names beat /proc. Each test is a situation in which
 * tracers that trust their own tables or /proc name the wrong file.
 */
class FileIdentityTest {
  private static final Ident LOG = Scenario.id(100);
  private static final Ident DIR_A = Scenario.id(200);
  private static final Ident DIR_B = Scenario.id(300);
  private static final Ident OTHER = Scenario.id(400);

  @Test
  void inheritedDescriptorIsNamedByTheKernel() {
    // sh -c 'prog > out.log': the shell's open and dup2 were filtered out in the kernel.
    Scenario s = new Scenario().name(LOG, "out.log", "r01", "tmp")
        .enterFd(42, 42, "write", 1, LOG).exit(42, 42, "write", 6);
    assertEquals("/tmp/r01/out.log", s.last().file());
    assertFalse((s.last().marks() & PairMarks.FILE_LATE) != 0);
  }

  @Test
  void relativePathResolvesAgainstTheDirectoryOfTheCallNotTheTrackedCwd() {
    // started in A (before the trace), opens data.txt, chdir B, opens data.txt again
    Scenario s = new Scenario().name(DIR_A, "A", "w").name(DIR_B, "B", "w")
        .enterPath(7, 7, "openat", -100, "data.txt", DIR_A).exit(7, 7, "openat", 3)
        .enterPath(7, 7, "chdir", -100, "/w/B", new Ident()).exit(7, 7, "chdir", 0)
        .enterPath(7, 7, "openat", -100, "data.txt", DIR_B).exit(7, 7, "openat", 4);
    assertEquals("/w/A/data.txt", s.pairs.get(0).file());
    assertEquals("/w/B/data.txt", s.last().file());
  }

  @Test
  void aChrootedProcessIsNamedInTheHostsViewWithItsOwnBeside() {
    // chroot("/srv/jail") before the trace; open("/data") and unlink("/gone") inside it
    Ident jail = Scenario.id(500);
    Scenario s = new Scenario().name(jail, "jail", "srv").name(LOG, "data", "jail", "srv")
        .enterRooted(7, 7, "openat", "/data", jail).exit(7, 7, "openat", 3, LOG)
        .enterRooted(7, 7, "unlink", "/gone", jail).exit(7, 7, "unlink", -2);
    assertEquals("/srv/jail/data", s.pairs.get(0).file());
    assertEquals("/srv/jail", s.pairs.get(0).root());
    assertEquals("/data", s.pairs.get(0).ownFile());
    assertEquals("/srv/jail/gone", s.last().file(), "the host's view, not the string as written");
    assertEquals("/gone", s.last().ownFile());
    // its child inherits the root; a file outside it has no name in the child's own view
    s.name(OTHER, "host.log", "var").fork(7, 8).enterFd(8, 8, "write", 3, LOG)
        .exit(8, 8, "write", 1).enterFd(8, 8, "write", 4, OTHER).exit(8, 8, "write", 1);
    assertEquals("/srv/jail", s.last().root());
    assertEquals(null, s.last().ownFile());
    assertEquals("/var/host.log", s.last().file());
  }

  @Test
  void theHostsRootIsNoOtherView() {
    Ident root = Scenario.id(600);
    Scenario s = new Scenario().name(root).name(LOG, "x", "tmp")
        .enterRooted(7, 7, "openat", "/tmp/x", root).exit(7, 7, "openat", 3, LOG);
    assertEquals("/tmp/x", s.last().file());
    assertEquals(null, s.last().root());
    assertEquals(null, s.last().ownFile());
  }

  @Test
  void staleTableEntryGivesWayToTheKernelsIdentity() {
    // fd 3 was /a when we saw it opened, but was replaced behind our back (io_uring, a missed
    // dup2): the kernel says it is another file now.
    Scenario s = new Scenario().name(OTHER, "b", "srv")
        .enterPath(5, 5, "openat", -100, "/a", 0).exit(5, 5, "openat", 3, LOG)
        .enterFd(5, 5, "read", 3, LOG).exit(5, 5, "read", 1);
    assertEquals("/a", s.last().file(), "the open's own name, no lookup");
    s.enterFd(5, 5, "read", 3, OTHER).exit(5, 5, "read", 1);
    assertEquals("/srv/b", s.last().file());
  }

  @Test
  void anOpenNamesItsIdentityForOtherProcessesToo() {
    Scenario s = new Scenario().enterPath(5, 5, "openat", -100, "/shared", 0)
        .exit(5, 5, "openat", 3, LOG).fork(5, 6).call(5, "close", 3, 0)
        .enterFd(9, 9, "write", 8, LOG).exit(9, 9, "write", 1);
    assertEquals("/shared", s.last().file(), "pid 9 got the file by SCM_RIGHTS or inheritance");
  }

  @Test
  void workerOfAProcessWhoseMainThreadExitedKeepsItsFiles() {
    Scenario s = new Scenario().threads(16, 2)
        .enterPath(16, 16, "openat", -100, "/r16/A", 0).exit(16, 16, "openat", 3, LOG)
        .taskExit(16, 16)
        .enterFd(16, 17, "write", 3, LOG).exit(16, 17, "write", 5);
    assertEquals("/r16/A", s.last().file());
  }

  @Test
  void noPairAcrossALoss() {
    // write(3) enters; its exit and the next write(4)'s enter are lost; write(4)'s exit arrives.
    Scenario s = new Scenario().enterArgs(1, 1, "write", 3, 0, 0).lose(1);
    s.enterArgs(1, 2, "read", 0, 0, 0); // another thread, unaffected
    s.exit(1, 1, "write", 2);
    assertTrue(s.pairs.isEmpty(), "no write(3) returning write(4)'s 2 bytes");
    assertEquals(1, s.pipeline.stats().losses().count(LossKind.ACROSS_LOSS));
  }

  @Test
  void pathUnreadableAtEntryComesWithTheExit() {
    Scenario s = new Scenario();
    s.enterPath(4, 4, "openat", -100, null, 0);
    s.exitWithPaths(4, 4, "openat", 3, "/r04/target.txt");
    assertEquals("/r04/target.txt", s.last().file());
    s.call(4, "read", 3, 6);
    assertEquals("/r04/target.txt", s.last().file());
  }

  @Test
  void restartOrEintrIsTheKernelsDecisionAtSignalDelivery() {
    long saRestart = 0x10000000L;
    Scenario s = new Scenario()
        // no handler ran: restarted
        .call(3, "read", 0, -512).call(3, "read", 0, 5)
        // a handler with SA_RESTART: restarted, though the handler wrote before the read again
        .call(3, "read", 0, -512).signal(3, 3, 10, 2, saRestart).call(3, "write", 1, 1)
        // an ignored signal decides nothing; then a handler without SA_RESTART: EINTR
        .call(3, "read", 0, -512).signal(3, 3, 17, 1, 0).signal(3, 3, 10, 2, 0)
        .call(3, "read", 0, 5)
        // ERESTARTNOHAND: EINTR whatever SA_RESTART says; ERESTARTNOINTR: never
        .call(3, "pause", 0, -514).signal(3, 3, 10, 2, saRestart)
        .call(3, "read", 0, -513).signal(3, 3, 10, 2, 0);
    assertEquals(5, s.pipeline.stats().calls().restarts());
    assertEquals(2, s.pipeline.stats().calls().interrupted());
  }
}
