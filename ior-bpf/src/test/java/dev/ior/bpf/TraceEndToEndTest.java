// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.stats.LossKind;
import dev.ior.core.trace.TraceStream;
import dev.ior.core.event.PairRecord;
import dev.ior.core.stats.TraceStats;
import dev.ior.testdata.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tracer on the real kernel against {@code iorwl}, whose syscalls are known exactly:
 * every expected pair is asserted with its syscall, file, fd, flags, bytes, return value and comm.
 */
class TraceEndToEndTest {
  static final int O_WRONLY = 01;
  static final int O_CREAT = 0100;
  static final int O_TRUNC = 01000;
  static final int O_DIRECTORY = 0200000;

  @TempDir Path dir;

  @BeforeEach
  void requireBpf() {
    BpfRequirement.check();
  }

  record Run(List<PairRecord> pairs, TraceStats stats, long pid) {}

  static Run trace(TraceConfig config, String mode, Path dir) throws Exception {
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    List<String> warnings = new ArrayList<>();
    long pid;
    TraceStream s = TraceStream.live(config).endWithTarget(false).onWarning(warnings::add)
        .onPair(p -> pairs.add(p.copy()));
    s.startAsync();
    try {
      Process p = new ProcessBuilder(Workload.binary().toString(), mode, dir.toString())
          .inheritIO().start();
      pid = p.pid();
      assertEquals(0, p.waitFor(), "workload exit status");
      s.stop();
    } finally {
      s.close();
    }
    assertNull(s.failure());
    return new Run(new ArrayList<>(pairs), s.stats(), pid);
  }

  /** Asserts one pair; {@code fd} -2 and {@code ret} Long.MIN_VALUE mean "don't care". */
  static void expect(PairRecord p, String syscall, String file, int fd, long ret, long bytes) {
    String where = p.toString();
    assertEquals(syscall, p.syscall().name(), where);
    assertEquals(file, p.file(), where);
    if (fd != -2) {
      assertEquals(fd, p.fd(), where);
    }
    if (ret != Long.MIN_VALUE) {
      assertEquals(ret, p.ret(), where);
    }
    assertEquals(bytes, p.bytes(), where);
    assertTrue(p.durationNs() >= 0, where);
  }

  @Test
  void everySyscallOfTheKnownSequenceWithAllTracepointsAttached() throws Exception {
    Run run = trace(TraceConfig.builder().comm(Workload.COMM).build(), "seq", dir);
    String a = dir.resolve("a.txt").toString();
    String b = dir.resolve("b.txt").toString();
    List<PairRecord> all = run.pairs.stream().filter(p -> p.pid() == run.pid)
        .collect(Collectors.toList());
    int start = -1;
    for (int i = 0; i < all.size() && start < 0; i++) {
      if (a.equals(all.get(i).file()) && all.get(i).syscall().name().equals("open")) {
        start = i;
      }
    }
    assertTrue(start >= 0, "open of a.txt traced: " + all);
    List<PairRecord> s = all.subList(start, all.size());
    assertTrue(s.size() >= 22, "whole sequence traced: " + s);
    PairRecord open = s.get(0);
    int fd1 = (int) open.ret();
    expect(open, "open", a, fd1, fd1, 0);
    assertEquals(O_WRONLY | O_CREAT | O_TRUNC, open.flags());
    expect(s.get(1), "write", a, fd1, 100, 100);
    expect(s.get(2), "pwrite64", a, fd1, 200, 200);
    expect(s.get(3), "fsync", a, fd1, 0, 0);
    int fd2 = (int) s.get(4).ret();
    expect(s.get(4), "fcntl", a, fd1, Long.MIN_VALUE, 0);
    assertTrue(fd2 >= 10, "F_DUPFD 10 returns >= 10");
    expect(s.get(5), "write", a, fd2, 10, 10);
    expect(s.get(6), "dup2", a, fd1, 20, 0);
    expect(s.get(7), "write", a, 20, 20, 20);
    expect(s.get(8), "dup3", a, fd1, 21, 0);
    expect(s.get(9), "write", a, 21, 21, 21);
    expect(s.get(10), "close", a, fd1, 0, 0);
    int dirfd = (int) s.get(11).ret();
    expect(s.get(11), "open", dir.toString(), dirfd, dirfd, 0);
    assertEquals(O_DIRECTORY, s.get(11).flags());
    int fd3 = (int) s.get(12).ret();
    expect(s.get(12), "openat", a, fd3, fd3, 0);
    expect(s.get(13), "read", a, fd3, 50, 50);
    expect(s.get(14), "pread64", a, fd3, 60, 60);
    expect(s.get(15), "rename", a, -1, 0, 0);
    assertEquals(b, s.get(15).file2());
    expect(s.get(16), "unlink", b, -1, 0, 0);
    expect(s.get(17), "open", dir.resolve("missing").toString(), -1, -2, 0);
    assertTrue(s.get(17).failed());
    expect(s.get(18), "close_range", null, fd2, 0, 0);
    expect(s.get(19), "write", null, 20, -9, 0);
    // renamed to b.txt, then unlinked while open: strace -y shows close(fd3</dir/b.txt (deleted)>)
    expect(s.get(20), "close", b + " (deleted)", fd3, 0, 0);
    expect(s.get(21), "close", dir.toString(), dirfd, 0, 0);
    for (PairRecord p : s.subList(0, 22)) {
      assertEquals("iorwl", p.comm());
      assertEquals(run.pid, p.tid(), "single-threaded: tid == pid");
    }
    TraceStats st = run.stats;
    assertEquals(0, st.losses().count(LossKind.RING_FULL));
    assertEquals(0, st.losses().count(LossKind.MALFORMED));
    assertEquals(0, st.losses().count(LossKind.MISMATCHED));
    assertTrue(st.calls().paired() >= 22);
  }

  @Test
  void aFullRingIsCountedNotSilent() throws Exception {
    // A 4 KiB ring and a consumer that stalls: the kernel must count what it could not reserve.
    TraceConfig cfg = TraceConfig.builder().comm(Workload.COMM).ringBytes(4096)
        .tracepoints(List.of("_write$"), List.of()).build();
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    TraceStream s = TraceStream.live(cfg).endWithTarget(false).onWarning(w -> { })
        .onPair(p -> {
      if (pairs.isEmpty()) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      pairs.add(p.copy());
    });
    s.startAsync();
    try {
      Process p = new ProcessBuilder(Workload.binary().toString(), "devnull", "20000")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertEquals(0, p.waitFor());
      s.stop();
    } finally {
      s.close();
    }
    TraceStats st = s.stats();
    assertTrue(st.losses().count(LossKind.RING_FULL) > 0, "drops counted: " + st);
    assertTrue(st.lossy(), "totals are lower bounds");
    // Every write of the workload is accounted for: its enter delivered or dropped (a dropped
    // enter's exit is not even emitted).
    assertTrue(st.records().enters() + st.losses().count(LossKind.RING_FULL) >= 20_000, st.toString());
    assertTrue(st.calls().paired() < 20_000, st.toString());
  }

  @Test
  void twoThreadsKeepTheirOwnCommAndFile() throws Exception {
    TraceConfig cfg = TraceConfig.builder().comm(Workload.COMM)
        .tracepoints(List.of("_(open|write|close)$"), List.of()).build();
    Run run = trace(cfg, "threads", dir);
    for (String t : List.of("t1", "t2")) {
      String file = dir.resolve(t + ".dat").toString();
      List<PairRecord> writes = run.pairs.stream()
          .filter(p -> p.syscall().name().equals("write") && file.equals(p.file()))
          .collect(Collectors.toList());
      assertEquals(10, writes.size(), t + " writes");
      for (PairRecord w : writes) {
        assertEquals("iorwl", w.comm(), "the process's comm");
        assertEquals("iorwl-" + t, w.thread(), "the thread's own comm");
        assertEquals(run.pid, w.pid());
        assertNotEquals(run.pid, w.tid(), "a thread, not the main thread");
        assertEquals(1000, w.bytes());
      }
      assertEquals(1, writes.stream().map(PairRecord::tid).distinct().count());
    }
  }

  @Test
  void childInheritsDescriptorsAcrossFork() throws Exception {
    TraceConfig cfg = TraceConfig.builder().comm(Workload.COMM)
        .tracepoints(List.of("_(open|write|close)$"), List.of()).build();
    Run run = trace(cfg, "child", dir);
    String parentFile = dir.resolve("parent.txt").toString();
    String childFile = dir.resolve("child.txt").toString();
    List<PairRecord> writes = run.pairs.stream().filter(p -> p.syscall().name().equals("write"))
        .filter(p -> parentFile.equals(p.file()) || childFile.equals(p.file()))
        .collect(Collectors.toList());
    assertEquals(4, writes.size(), writes.toString());
    PairRecord inherited = writes.stream().filter(p -> p.bytes() == 11).findFirst().orElseThrow();
    assertEquals(parentFile, inherited.file(), "child's write to the fd it inherited");
    assertEquals("iorwl-child", inherited.comm(), "the child renamed its only thread");
    assertNotEquals(run.pid, inherited.pid());
    PairRecord own = writes.stream().filter(p -> p.bytes() == 13).findFirst().orElseThrow();
    assertEquals(childFile, own.file());
    assertEquals(inherited.pid(), own.pid());
    for (long bytes : new long[] {7, 5}) {
      PairRecord p = writes.stream().filter(w -> w.bytes() == bytes).findFirst().orElseThrow();
      assertEquals(run.pid, p.pid());
      assertEquals(parentFile, p.file());
    }
  }
}
