// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.testdata.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/ior as a user runs it: real kernel, real workload, signals, pipes. */
class IorCliIT {
  static final String TPS = "_(open|openat|read|write|close|rename|unlink)$";

  @TempDir Path dir;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  private void runWorkload(String mode) throws Exception {
    Requirements.runWorkload(mode, dir);
  }

  @Test
  void csvStreamUntilCtrlC() throws Exception {
    CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS, "-plain",
        "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    Thread.sleep(300); // one poll interval is 10 ms; leave the stream time to reach stdout
    ior.signal("INT");
    int code = ior.waitFor(60);
    assertEquals(130, code, "exit status after SIGINT; stderr:\n" + ior.err());
    List<String> lines = Arrays.asList(ior.out().split("\n"));
    assertEquals("time,gap_ns,latency_ns,comm,pid,tid,syscall,fd,ret,bytes,file,file2,error,"
        + "thread,compat,file_late,cgroup,container", lines.get(0));
    String a = dir.resolve("a.txt").toString();
    List<String> aRows = lines.stream().filter(l -> l.contains("," + a + ","))
        .collect(Collectors.toList());
    assertTrue(aRows.stream().anyMatch(l -> l.contains(",iorwl,") && l.contains(",write,")
        && l.contains(",100,100,")), "write of 100 bytes to a.txt: " + aRows);
    assertTrue(lines.stream().anyMatch(l -> l.contains(",open,") && l.contains(",ENOENT,")),
        "failed open has its errno name");
    assertTrue(ior.err().contains("syscalls paired:"), ior.err());
    assertTrue(ior.err().contains("lost:               ring full 0"), ior.err());
    assertFalse(ior.err().contains("Exception"), ior.err());
  }

  @Test
  void aRecordingReplaysToTheSameStreamWithoutTracing() throws Exception {
    Path rec = Files.createTempDirectory("ior-rec").resolve("seq.iorrec");
    CliProcess live = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS, "-plain",
        "-duration", "0", "-record", rec.toString());
    live.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    Thread.sleep(300);
    live.signal("INT");
    assertEquals(130, live.waitFor(60), live.err());
    assertTrue(live.err().contains("ior: wrote " + rec), live.err());
    CliProcess replay = new CliProcess("ior", "-replay", rec.toString(), "-plain");
    assertEquals(0, replay.waitFor(60), replay.err());
    assertTrue(live.out().lines().count() > 20, live.out());
    assertEquals(live.out(), replay.out(), "same rows, same wall-clock times");
    assertTrue(replay.err().startsWith("ior: replayed " + rec), replay.err());
    String a = dir.resolve("a.txt").toString();
    CliProcess onlyA = new CliProcess("ior", "-replay", rec.toString(), "-path", a, "-plain");
    assertEquals(0, onlyA.waitFor(60), onlyA.err());
    assertEquals(live.out().lines().filter(l -> l.startsWith("time,") || l.contains(a)).count(),
        onlyA.out().lines().count());
    CliProcess missing = new CliProcess("ior", "-replay", rec + ".nope");
    assertEquals(2, missing.waitFor(60));
    assertEquals("ior: " + rec + ".nope: no such file\n", missing.err());
  }

  @Test
  void durationEndsTheTraceAndSigtermStopsCleanly() throws Exception {
    CliProcess timed = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS,
        "-duration", "2");
    timed.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    assertEquals(0, timed.waitFor(60), timed.err());
    assertTrue(timed.out().startsWith("durationToPrevNs,durationNs,comm@pid.tid,syscall=>ret,file\n"));
    assertTrue(timed.out().contains(",iorwl@"), timed.out());
    assertTrue(timed.err().contains("traced 2."), timed.err());

    CliProcess term = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS,
        "-format", "json", "-duration", "0");
    term.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    Thread.sleep(300);
    term.signal("TERM");
    assertEquals(143, term.waitFor(60), term.err());
    String json = term.out();
    assertTrue(json.contains("\"syscall\":\"write\"") && json.contains("\"bytes\":100"), json);
    assertTrue(term.err().contains("syscalls paired:"), term.err());
  }

  @Test
  void closedPipeEndsQuietly() throws Exception {
    CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS,
        "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 60);
    ior.process.getInputStream().close(); // like `ior | head -1` once head has exited
    for (int i = 0; i < 5 && ior.process.isAlive(); i++) {
      runWorkload("seq");
      Thread.sleep(200);
    }
    int code = ior.waitFor(60);
    assertEquals(0, code, ior.err());
    assertTrue(ior.err().contains("syscalls paired:"), ior.err());
    assertFalse(ior.err().contains("Exception"), ior.err());
  }

  @Test
  void theJitCompilersYieldToTheStartOnlyUntilTheTraceRuns() throws Exception {
    // Whatever the load average (the launcher leaves them alone on a machine with no core to
    // spare), as a live trace as root on a quiet machine has them ...
    CliProcess ior = new CliProcess(Map.of("IOR_NICE_JIT", "1"), "ior", "-comm",
        "ior-none-such", "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 60);
    long pid = ior.process.pid(); // bin/ior execs the JVM
    String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    // ... the launcher starts the compilers at nice 19 (bin/.launch) ...
    assertTrue(cmdline.contains("-XX:CompilerThreadPriority=19"), cmdline);
    // ... and the consumer's first read gives every one of them the JVM's own nice value back
    // (its main thread's, inherited from this test's JVM): none stays niced.
    int own = nice(Path.of("/proc/" + pid + "/task/" + pid));
    Map<String, Integer> niced = Map.of();
    for (int i = 0; i < 50; i++) {
      niced = nicedThreads(pid, own);
      if (niced.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(60), ior.err());
    assertEquals(Map.of(), niced, "threads of the tracing JVM with a nice value other than "
        + own + ", its main thread's");
  }

  /** A thread's nice value: field 19 of its stat, counted after the comm (spaces and all). */
  private static int nice(Path task) throws IOException {
    String stat = Files.readString(task.resolve("stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
  }

  /** The threads of {@code pid} whose nice value is not {@code own}: "comm (tid)" to nice. */
  private static Map<String, Integer> nicedThreads(long pid, int own) throws Exception {
    Map<String, Integer> niced = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          int nice = nice(t);
          if (nice != own) {
            niced.put(Files.readString(t.resolve("comm")).strip() + " (" + t.getFileName() + ")",
                nice);
          }
        } catch (NoSuchFileException e) {
          // the thread ended meanwhile
        }
      }
    }
    return niced;
  }

  private static String run(List<String> cmd, int expectCode) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(expectCode, p.exitValue(), out);
    return out;
  }

  @Test
  void helpVersionAndSubcommandsRunWithoutTheOptionalJars() throws Exception {
    // bin/.launch leaves target/lib-opt (Parquet, Prometheus) off the class path unless an
    // argument is serve or names parquet: every command line that builds ior's full model
    // (help, version, a subcommand's help) must still run, and -parquet must find its jars.
    String ior = CliProcess.repo().resolve("bin/ior").toString();
    for (List<String> args : List.of(List.of("--help"), List.of("-V"),
        List.of("collapsed", "--help"), List.of("serve", "--help"))) {
      List<String> cmd = new ArrayList<>(List.of(ior));
      cmd.addAll(args);
      String out = run(cmd, 0);
      assertFalse(out.contains("Exception") || out.contains("NoClassDefFoundError"), out);
      assertTrue(out.startsWith(args.contains("-V") ? "ior " : "Usage: ior"), out);
    }
    Path parquet = Files.createTempFile("ior-it", ".parquet");
    try {
      String out = run(List.of(ior, "-comm", "ior-it-nobody", "-duration", "1", "-parquet",
          parquet.toString()), 0);
      assertTrue(out.contains("wrote " + parquet), out);
      assertTrue(Files.size(parquet) > 0);
    } finally {
      Files.deleteIfExists(parquet);
    }
  }

  @Test
  void withoutPrivilegesItSaysWhatToDo() throws Exception {
    String ior = CliProcess.repo().resolve("bin/ior").toString();
    String out = run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
        "--inh-caps=-all", ior, "-duration", "1"), 2);
    assertEquals("ior: not permitted to load BPF programs: run as root (sudo) or grant CAP_BPF"
        + " and CAP_PERFMON (setcap or capsh)\n", out);
  }

  @Test
  void ctrlCGivesTheShellBackWithinASecond() throws Exception {
    // Every file-I/O syscall selected (the default): the stop must not depend on their number.
    CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    long t0 = System.nanoTime();
    ior.signal("INT");
    assertEquals(130, ior.waitFor(60), ior.err());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("ior exited " + ms + " ms after SIGINT");
    assertTrue(ms < 3000, "exit took " + ms + " ms (target 1 s; generous for a loaded machine)");
    assertTrue(ior.err().contains("syscalls paired:"), ior.err());
  }

  @Test
  void tracesWithoutTracefs() throws Exception {
    String ior = CliProcess.repo().resolve("bin/ior").toString();
    // A private mount namespace without tracefs: raw tracepoints need none.
    String out = run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
        "umount /sys/kernel/tracing 2>/dev/null; test ! -e /sys/kernel/tracing/events"
            + " && " + ior + " -comm iorwl -tps _read$ -duration 1"), 0);
    assertTrue(out.contains("syscalls paired:"), out);
  }

  @Test
  void notBuiltOrBadFlagsGiveOneLine() throws Exception {
    CliProcess bad = new CliProcess("ior", "-mapSize", "huge");
    assertEquals(2, bad.waitFor(30));
    assertTrue(bad.err().matches("ior: Invalid value for option '(-mapSize|--map-size)': 'huge' is"
        + " not a size: use bytes or a K/M/G suffix, e.g. 16M\nTry 'ior --help' for the"
        + " options.\n"), bad.err());
  }
}
