// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairMarks;
import dev.ior.core.event.PairRecord;
import dev.ior.core.stats.TraceStats;
import dev.ior.testdata.NameCases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of issue 18, each run on the real kernel: the name ior gives every call's file is the
 * one {@code strace -f -y} prints for it (what {@code /proc/PID/fd} shows to root on the host at
 * the call). The programs are modes of {@code names.c}; write sizes tell the calls apart.
 */
class NamesEndToEndTest {
  @TempDir Path dir;
  /** The program under a name of this test's own, so that no other run is traced. */
  private String comm;
  private String exe;
  /** What the last traced program printed. */
  private String output = "";

  @BeforeEach
  void requireBpf() throws Exception {
    BpfRequirement.check();
    comm = "iornm" + (100000 + new java.util.Random().nextInt(900000));
    Path copy = dir.resolve(comm);
    Files.copy(NameCases.binary(), copy);
    exe = copy.toString();
  }

  record Run(List<PairRecord> pairs, TraceStats stats) {
    List<PairRecord> calls(String syscall) {
      return pairs.stream().filter(p -> p.syscall().name().equals(syscall))
          .collect(Collectors.toList());
    }

    /** The one call of {@code syscall} that moved {@code bytes}. */
    PairRecord sized(String syscall, long bytes) {
      List<PairRecord> l = calls(syscall).stream().filter(p -> p.bytes() == bytes)
          .collect(Collectors.toList());
      assertEquals(1, l.size(), syscall + " of " + bytes + " bytes in " + pairs);
      return l.get(0);
    }
  }

  private Run trace(String mode, String... syscalls) throws Exception {
    TraceConfig config = TraceConfig.builder().comm(comm).syscalls(List.of(syscalls)).build();
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    BpfTraceSession s = BpfTraceSession.start(config, p -> pairs.add(p.copy()), w -> { });
    try {
      Process p = new ProcessBuilder(exe, mode, dir.toString())
          .redirectErrorStream(true).start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "exit status of " + mode);
      s.stop();
    } finally {
      s.close();
    }
    assertNull(s.failure());
    return new Run(new ArrayList<>(pairs), s.stats());
  }

  private String at(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void logRotationAndARenamedWorkingDirectory() throws Exception {
    Run r = trace("rotate", "openat", "write", "rename", "chdir");
    assertEquals(at("app.log"), r.sized("write", 1).file());
    assertEquals(at("app.log.1"), r.sized("write", 2).file(), "the renamed file, not two app.logs");
    assertEquals(at("app.log"), r.sized("write", 3).file());
    assertEquals(at("d2/in-moved-dir"), r.sized("write", 4).file(), "the directory as it is now");
    assertEquals(at("d2/in-moved-dir"), r.calls("openat").stream()
        .filter(p -> p.ret() == r.sized("write", 4).fd()).reduce((a, b) -> b).orElseThrow().file());
  }

  @Test
  void deletedWhileOpenIsMarkedAndItsSuccessorIsNot() throws Exception {
    Run r = trace("deleted", "openat", "write", "unlink");
    assertEquals(at("db"), r.sized("write", 1).file());
    assertEquals(at("db") + " (deleted)", r.sized("write", 2).file());
    assertEquals(at("db"), r.sized("write", 3).file());
  }

  @Test
  void tmpfileIsItsOwnFileAndLinkatNamesIt() throws Exception {
    Run r = trace("tmpfile", "openat", "write", "linkat");
    String tmp = r.sized("write", 5).file();
    assertTrue(tmp.matches(java.util.regex.Pattern.quote(dir.toString()) + "/#\\d+ \\(deleted\\)"),
        "as /proc names an O_TMPFILE file, not the directory: " + tmp);
    PairRecord link = r.calls("linkat").get(0);
    assertEquals(tmp, link.file(), "AT_EMPTY_PATH: the old name is the file's");
    assertEquals(at("kept"), link.file2());
    assertEquals(tmp, r.sized("write", 6).file(), "the fd's dentry stays #N (deleted), as /proc");
  }

  @Test
  void magicLinksNameTheFileTheyReach() throws Exception {
    Run r = trace("magic", "openat", "write");
    for (int n = 1; n <= 3; n++) {
      assertEquals(at("target"), r.sized("write", n).file(), "write of " + n);
    }
    assertTrue(r.sized("write", 4).file().matches("pipe:\\[\\d+\\]"), r.pairs.toString());
    PairRecord child = r.sized("write", 5);
    assertTrue(child.pid() != r.sized("write", 1).pid(), "written by the child");
    assertEquals(at("target"), child.file(), "no link string leaks to another process");
    assertTrue(r.pairs.stream().noneMatch(p -> p.file() != null
        && (p.file().startsWith("/proc/") || p.file().startsWith("/dev/fd/"))), r.pairs.toString());
    assertTrue(r.calls("openat").stream().anyMatch(p -> p.file2() != null
        && p.file2().startsWith("/proc/self/fd/")), "the open's argument is kept: " + r.pairs);
  }

  @Test
  void anonymousInodesAreNamedOneByOneAsProcNamesThem() throws Exception {
    Run r = trace("anon", "openat", "read", "write");
    assertEquals("anon_inode:[eventfd]", r.sized("write", 8).file());
    List<String> names = r.calls("read").stream().filter(p -> p.ret() <= 0)
        .map(PairRecord::file).collect(Collectors.toList());
    List<String> want = List.of("anon_inode:[timerfd]", "anon_inode:[signalfd]",
        "anon_inode:[eventpoll]", "anon_inode:inotify", "anon_inode:[pidfd]");
    assertEquals(want, names.subList(0, 5), r.pairs.toString());
    assertTrue(names.get(5).matches("net:\\[\\d+\\]"), names.get(5));
  }

  @Test
  void pseudoFilesAreDeletedAsProcNamesThem() throws Exception {
    Run r = trace("pseudo", "read", "write");
    assertEquals("/memfd:ior (deleted)", r.sized("write", 3).file(), "an unlinked shmem inode");
    Assumptions.assumeTrue(!output.contains("no secretmem"),
        "memfd_secret: ENOSYS, the kernel has no secretmem (secretmem.enable=0 or not built)");
    List<String> secret = r.calls("read").stream().filter(p -> p.ret() <= 0)
        .map(PairRecord::file).collect(Collectors.toList());
    assertEquals(List.of("/secretmem (deleted)"), secret, "a linked pseudo file's simple_dname");
  }

  @Test
  void callsASeccompFilterRefusedAreShownMarkedAndCounted() throws Exception {
    Run r = trace("seccomp", "openat", "write", "fsync", "unlink");
    PairRecord fsync = r.calls("fsync").get(0);
    assertEquals(-1, fsync.ret());
    assertEquals(at("data"), fsync.file());
    assertTrue((fsync.marks() & PairMarks.REFUSED) != 0, fsync.toString());
    PairRecord unlink = r.calls("unlink").get(0);
    assertEquals(at("data"), unlink.file());
    assertTrue((unlink.marks() & PairMarks.REFUSED) != 0, unlink.toString());
    assertEquals(0, r.sized("write", 1).marks() & PairMarks.REFUSED, "allowed calls are not");
    assertEquals(2, r.stats.calls().refused());
  }

  @Test
  void cloneFilesSharesOneTable() throws Exception {
    Run r = trace("clonefiles", "openat", "read", "write", "close");
    PairRecord read = r.calls("read").stream().filter(p -> p.ret() == -9).findFirst()
        .orElseThrow(() -> new AssertionError(r.pairs.toString()));
    assertNull(read.file(), "the child closed it in the table both share: " + read);
    assertEquals(at("second"), r.sized("write", 1).file());
  }

  @Test
  void restartOrEintrIsTheKernelsDecision() throws Exception {
    Run r = trace("restart", "read", "write", "getppid");
    assertEquals(2, r.stats.calls().restarts(), r.pairs.toString());
    assertEquals(1, r.stats.calls().interrupted(), "the handler's own syscalls do not make it EINTR");
  }

  @Test
  void chrootedOpensAreNamedInTheHostsView() throws Exception {
    Run r = trace("chroot", "openat", "write", "chroot");
    assertEquals(at("inner"), r.sized("write", 7).file());
  }
}
