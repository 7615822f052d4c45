// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairMarks;
import dev.ior.core.event.PairRecord;
import dev.ior.core.stats.TraceStats;
import dev.ior.testdata.Workload;
import dev.ior.testing.MachineFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Situations in which syscall tracers name the wrong file or miss calls, run the way programs run
 * in the world (through {@code sh -c} with a redirect, from another working directory, 32-bit
 * calls, renamed threads), each with the answer known exactly.
 */
class CasesEndToEndTest {
  @TempDir Path dir;
  /** The workload under a name of this test's own, so that no other iorwl run is traced. */
  private String comm;
  private String exe;

  @BeforeEach
  void requireBpf() throws Exception {
    BpfRequirement.check();
    comm = "iorwl" + (100000 + new java.util.Random().nextInt(900000));
    Path copy = dir.resolve(comm);
    Files.copy(Workload.binary(), copy);
    exe = copy.toString();
  }

  record Run(List<PairRecord> pairs, TraceStats stats, String stdout) {}

  /** Traces {@code -comm iorwl} (the process's comm) while {@code command} runs in {@code cwd}. */
  private static Run trace(TraceConfig config, Path cwd, String... command) throws Exception {
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    BpfTraceSession s = BpfTraceSession.start(config, p -> pairs.add(p.copy()), w -> { });
    String out;
    try {
      Process p = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), "exit status of " + String.join(" ", command));
      s.stop();
    } finally {
      s.close();
    }
    assertNull(s.failure());
    return new Run(new ArrayList<>(pairs), s.stats(), out);
  }

  private TraceConfig comm(String... syscalls) {
    return TraceConfig.builder().comm(comm).syscalls(List.of(syscalls)).build();
  }

  private static List<PairRecord> calls(Run run, String syscall) {
    return run.pairs.stream().filter(p -> p.syscall().name().equals(syscall))
        .collect(Collectors.toList());
  }

  @Test
  void outputRedirectedByTheShellIsTheFileWritten() throws Exception {
    Path log = dir.resolve("out.log");
    Run run = trace(comm("write"), dir, "sh", "-c", exe + " hello > " + log);
    List<PairRecord> writes = calls(run, "write");
    assertEquals(1, writes.size(), run.pairs.toString());
    assertEquals(log.toString(), writes.get(0).file());
    assertEquals(1, writes.get(0).fd());
    assertEquals(0, writes.get(0).marks() & PairMarks.FILE_LATE, "named by the kernel, not /proc");
  }

  @Test
  void aPipeIsNamedAsProcShowsIt() throws Exception {
    Run run = trace(comm("write"), dir, "sh", "-c", exe + " hello | cat > /dev/null");
    List<PairRecord> writes = calls(run, "write");
    assertEquals(1, writes.size(), run.pairs.toString());
    assertTrue(writes.get(0).file().matches("pipe:\\[\\d+\\]"), writes.get(0).toString());
  }

  @Test
  void childWritesToTheFileItInheritedThoughTheParentReusedTheNumber() throws Exception {
    Run run = trace(comm("open", "close", "write"), dir, exe, "forkreuse", dir.toString());
    PairRecord child = calls(run, "write").stream().filter(p -> p.bytes() == 5).findFirst()
        .orElseThrow(() -> new AssertionError(run.pairs.toString()));
    PairRecord parent = calls(run, "write").stream().filter(p -> p.bytes() == 6).findFirst()
        .orElseThrow();
    assertEquals(child.fd(), parent.fd(), "the same descriptor number");
    assertEquals(dir.resolve("first.txt").toString(), child.file());
    assertEquals(dir.resolve("second.txt").toString(), parent.file());
  }

  @Test
  void relativeOpenBeforeChdirIsInTheDirectoryOfTheCall() throws Exception {
    Path a = Files.createDirectories(dir.resolve("A"));
    Path b = Files.createDirectories(dir.resolve("B"));
    Files.writeString(a.resolve("data.txt"), "a");
    Files.writeString(b.resolve("data.txt"), "b");
    Run run = trace(comm("openat", "chdir"), a, exe, "chdir",
        b.toString());
    List<PairRecord> opens = calls(run, "openat").stream()
        .filter(p -> p.file() != null && p.file().endsWith("data.txt")).collect(Collectors.toList());
    assertEquals(2, opens.size(), run.pairs.toString());
    assertEquals(a.resolve("data.txt").toString(), opens.get(0).file());
    assertEquals(b.resolve("data.txt").toString(), opens.get(1).file());
  }

  @Test
  void pathInAPageNeverTouchedIsReadAtExit() throws Exception {
    Run run = trace(comm("open", "read"), dir, exe, "untouched",
        dir.toString());
    String target = dir.resolve("target.txt").toString();
    PairRecord open = calls(run, "open").stream().filter(p -> p.fd() >= 0 && p.flags() == 0)
        .reduce((x, y) -> y).orElseThrow(() -> new AssertionError(run.pairs.toString()));
    assertEquals(target, open.file(), run.pairs.toString());
    PairRecord read = calls(run, "read").stream().filter(p -> p.fd() == open.fd())
        .findFirst().orElseThrow();
    assertEquals(target, read.file());
    assertEquals(6, read.bytes());
  }

  @Test
  void renamedThreadIsTracedByTheProcesssComm() throws Exception {
    Run run = trace(comm("openat", "open", "write"), dir, exe, "renamed",
        dir.toString());
    String file = dir.resolve("renamed.txt").toString();
    List<PairRecord> writes = calls(run, "write").stream().filter(p -> file.equals(p.file()))
        .collect(Collectors.toList());
    assertEquals(4, writes.size(), run.pairs.toString());
    assertEquals(3, writes.stream().filter(p -> p.thread().equals("worker")).count());
    assertTrue(writes.stream().allMatch(p -> p.comm().equals(comm)));
  }

  @Test
  void workerWritesAfterTheMainThreadExited() throws Exception {
    Run run = trace(comm("open", "write"), dir, exe, "mainexit",
        dir.toString());
    List<PairRecord> writes = calls(run, "write");
    assertEquals(1, writes.size(), run.pairs.toString());
    assertEquals(dir.resolve("late.txt").toString(), writes.get(0).file());
  }

  @Test
  void longPathsComeWhole() throws Exception {
    for (int n : new int[] {291, 4000}) {
      Path sub = Files.createDirectories(dir.resolve("p" + n));
      Run run = trace(comm("open"), dir, exe, "longpath", sub.toString(),
          String.valueOf(n));
      String path = run.stdout.trim();
      assertEquals(n, path.length());
      List<PairRecord> opens = calls(run, "open").stream().filter(p -> path.equals(p.file()))
          .collect(Collectors.toList());
      assertEquals(1, opens.size(), "a " + n + "-byte path, whole");
      assertEquals(0, run.stats.pathsCut());
    }
  }

  @Test
  void compatSyscallsAreTracedAndMarked() throws Exception {
    MachineFeatures.assumeIa32("compatSyscallsAreTracedAndMarked (iorwl int80)");
    Run run = trace(comm("open", "write", "close"), dir, exe, "int80",
        dir.toString());
    String file = dir.resolve("compat.txt").toString();
    List<PairRecord> compat = run.pairs.stream().filter(PairRecord::compat)
        .collect(Collectors.toList());
    assertEquals(List.of("open", "write", "close"), compat.stream()
        .map(p -> p.syscall().name()).collect(Collectors.toList()), run.pairs.toString());
    for (PairRecord p : compat) {
      assertEquals(file, p.file(), p.toString());
    }
    assertEquals(6, compat.get(1).bytes());
    assertEquals(3, run.stats.compat());
  }

  /** Starts the workload waiting for a line on stdin (IORWL_WAIT), so a tracer can take its pid. */
  private Process gated(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(exe));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("IORWL_WAIT", "1");
    return pb.start();
  }

  private static void release(Process p) throws Exception {
    p.getOutputStream().write('\n');
    p.getOutputStream().flush();
    assertEquals(0, p.waitFor());
  }

  @Test
  void followTracesAProcessAndItsChildrenAndNothingElse() throws Exception {
    Path mine = Files.createDirectories(dir.resolve("followed"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Process followed = gated("child", mine.toString());
    Process bystander = gated("child", other.toString());
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    TraceConfig cfg = TraceConfig.builder().follow((int) followed.pid())
        .syscalls(List.of("open", "write", "close")).build();
    BpfTraceSession s = BpfTraceSession.start(cfg, p -> pairs.add(p.copy()), w -> { });
    try {
      release(followed);
      release(bystander);
      s.stop();
    } finally {
      s.close();
    }
    List<PairRecord> writes = pairs.stream().filter(p -> p.syscall().name().equals("write"))
        .collect(Collectors.toList());
    assertEquals(4, writes.size(), pairs.toString());
    assertTrue(writes.stream().anyMatch(p -> p.pid() != followed.pid()), "the child is traced");
    assertTrue(pairs.stream().allMatch(p -> p.file() == null || p.file().startsWith(mine.toString())),
        "nothing of the bystander: " + pairs);
    assertEquals(mine.resolve("parent.txt").toString(), writes.stream()
        .filter(p -> p.bytes() == 11).findFirst().orElseThrow().file(), "inherited fd");
  }

  @Test
  void cgroupFilterTracesOnlyTasksInTheCgroup() throws Exception {
    Path root = cgroup2Root();
    Path group = root.resolve("ior-test-" + comm);
    Files.createDirectory(group);
    try {
      Process inside = gated("hello");
      Process outside = gated("hello");
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(inside.pid()));
      long id = (Long) Files.getAttribute(group, "unix:ino");
      List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
      TraceConfig cfg = TraceConfig.builder().cgroup(id).syscalls(List.of("write")).build();
      BpfTraceSession s = BpfTraceSession.start(cfg, p -> pairs.add(p.copy()), w -> { });
      try {
        release(inside);
        release(outside);
        s.stop();
      } finally {
        s.close();
      }
      List<PairRecord> hello = pairs.stream().filter(p -> p.bytes() == 6)
          .collect(Collectors.toList());
      assertEquals(1, hello.size(), pairs.toString());
      assertEquals(inside.pid(), hello.get(0).pid());
      assertEquals(id, hello.get(0).cgroupId(), "the record carries the cgroup id");
    } finally {
      Files.delete(group);
    }
  }

  private static Path cgroup2Root() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (dash > 0 && f[dash + 1].equals("cgroup2")) {
        return Path.of(f[4]);
      }
    }
    throw new AssertionError("no cgroup2 mounted");
  }

  @Test
  void noPairIsMadeAcrossALoss() throws Exception {
    // A 64 KiB ring and a consumer that stalls at first: records are lost, and no write(3) may
    // come out with write(4)'s return value or the other way round.
    TraceConfig cfg = TraceConfig.builder().comm(comm).ringBytes(64 << 10)
        .syscalls(List.of("write")).build();
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    BpfTraceSession s = BpfTraceSession.start(cfg, p -> {
      if (pairs.isEmpty()) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      pairs.add(p.copy());
    }, w -> { });
    long pid;
    try {
      Process p = new ProcessBuilder(exe, "burst", "50000",
          dir.toString()).start();
      pid = p.pid();
      assertEquals(0, p.waitFor());
      s.stop();
    } finally {
      s.close();
    }
    TraceStats st = s.stats();
    assertTrue(st.ringDrops() > 0, "the burst overflowed the ring: " + st);
    List<PairRecord> writes = pairs.stream().filter(p -> p.pid() == pid)
        .filter(p -> p.fd() == 3 || p.fd() == 4).collect(Collectors.toList());
    assertFalse(writes.isEmpty());
    for (PairRecord w : writes) {
      assertEquals(w.fd() == 3 ? 1 : 2, w.ret(), "a pair made across a loss: " + w);
    }
    assertTrue(st.lossy());
  }
}
