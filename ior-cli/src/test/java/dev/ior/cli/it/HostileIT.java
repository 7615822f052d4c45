// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.iorfile.IorFileReader;
import dev.ior.testdata.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ior against a full disk, a read-only directory, a traced process that exits and a cut
 * recording, on the real kernel: what was captured is written or named, never lost silently.
 */
class HostileIT {
  static final String TPS = "_(openat|read|write|close|pread64|pwrite64)$";

  @TempDir Path dir;
  private final List<Path> mounts = new java.util.ArrayList<>();

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf(); // root, which mounting a tmpfs needs too
  }

  @AfterEach
  void unmount() throws Exception {
    for (Path m : mounts) {
      sh("umount", m.toString());
    }
  }

  private static String sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  /** A tmpfs of {@code kib} KiB at dir/{@code name}, mounted with {@code options}. */
  private Path tmpfs(String name, int kib, String options) throws Exception {
    Path m = Files.createDirectory(dir.resolve(name));
    sh("mount", "-t", "tmpfs", "-o", "size=" + kib + "k" + options, "tmpfs", m.toString());
    mounts.add(0, m);
    return m;
  }

  private static void assertClean(String err) {
    for (String bad : new String[] {"\tat ", "Exception", "internal error", ".tmp"}) {
      assertFalse(err.contains(bad), "'" + bad + "' in: " + err);
    }
  }

  @Test
  void aFullDiskNamesEachFileThatFailedAndWritesTheOthers() throws Exception {
    Path full = tmpfs("full", 64, "");
    Files.write(full.resolve("fill"), new byte[56 * 1024]); // 8 KiB stay free
    String base = full.resolve("o").toString();
    CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS, "-duration", "0",
        "-flamegraph", "-pprof", "-name", base);
    ior.awaitErr("Ctrl+C to stop", 60);
    Requirements.runWorkload("seq", dir);
    Thread.sleep(300);
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(60), ior.err());
    String err = ior.err();
    assertTrue(err.contains("syscalls paired:"), err);
    int failed = 0;
    for (String ext : new String[] {".ior", ".collapsed", ".svg", ".pb.gz"}) {
      Path f = Path.of(base + ext);
      if (err.contains("ior: cannot write " + f + ": no space left on device")) {
        failed++;
        assertFalse(Files.exists(f), f + " named as failed but present");
      } else {
        assertTrue(err.contains("ior: wrote " + f), f + " neither written nor named: " + err);
      }
    }
    assertTrue(failed > 0, "8 KiB cannot hold every file: " + err);
    if (!err.contains("cannot write " + base + ".ior")) {
      assertTrue(IorFileReader.read(Path.of(base + ".ior")).rows().size() > 0);
    }
    assertClean(err);
    try (var files = Files.list(full)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("."))
          .collect(Collectors.toList()), "no temporary file left behind");
    }

    Path rec = full.resolve("r.iorrec");
    Files.delete(full.resolve("fill"));
    Files.write(full.resolve("fill"), new byte[40 * 1024]);
    CliProcess recording = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS,
        "-duration", "0", "-record", rec.toString(), "-flamegraph", "-name",
        dir.resolve("live").toString());
    recording.awaitErr("Ctrl+C to stop", 60);
    runMix(3000);
    recording.signal("TERM");
    int code = recording.waitFor(60);
    String rerr = recording.err();
    assertTrue(code == 1 || code == 143, rerr);
    assertTrue(rerr.contains(rec + ": no space left on device")
        || rerr.contains(rec + ": No space left on device"), rerr);
    assertTrue(rerr.contains("ior: wrote " + dir.resolve("live") + ".svg"),
        "the flame graph of a trace whose recording failed is still written: " + rerr);
    assertClean(rerr);
    CliProcess replay = new CliProcess("ior", "-replay", rec.toString(), "-plain");
    assertEquals(1, replay.waitFor(60), replay.err());
    assertTrue(replay.err().contains(rec + " is cut short after "), replay.err());
  }

  private void runMix(int iterations) throws Exception {
    Process w = new ProcessBuilder(Workload.binary().toString(), "mix",
        Integer.toString(iterations), dir.toString()).redirectErrorStream(true).start();
    w.getInputStream().readAllBytes();
    assertEquals(0, w.waitFor());
    Thread.sleep(300); // one poll interval is 10 ms
  }

  @Test
  void anUnwritableOutputIsRefusedBeforeTracing() throws Exception {
    Path ro = tmpfs("ro", 64, ",ro");
    long start = System.nanoTime();
    CliProcess flame = new CliProcess("ior", "-flamegraph", "-name", ro.resolve("o").toString(),
        "-duration", "60");
    assertEquals(2, flame.waitFor(30), flame.err());
    assertEquals("ior: cannot write " + ro.resolve("o.ior") + ": read-only file system (in "
        + ro + "); nothing was traced\n", flame.err());
    CliProcess rec = new CliProcess("ior", "-record", ro.resolve("r.iorrec").toString(),
        "-duration", "60");
    assertEquals(2, rec.waitFor(30), rec.err());
    assertEquals("ior: cannot write " + ro.resolve("r.iorrec") + ": read-only file system (in "
        + ro + "); nothing was traced\n", rec.err());
    // Onto a directory: every file output, refused before anything is traced.
    Path adir = Files.createDirectories(dir.resolve("adir"));
    for (String flag : new String[] {"-record", "-timeline", "-speedscope", "-parquet", "-o"}) {
      CliProcess d = new CliProcess("ior", flag, adir.toString(), "-comm", "ior-nothing",
          "-duration", "60");
      assertEquals(2, d.waitFor(30), flag + ": " + d.err());
      assertEquals("ior: cannot write " + adir + ": it is a directory; nothing was traced\n",
          d.err(), flag);
    }
    // An output that takes not even its first line: nothing started (2), as the docs say.
    CliProcess full = new CliProcess("ior", "-o", "/dev/full", "-plain", "-comm", "ior-nothing",
        "-duration", "60");
    assertEquals(2, full.waitFor(30), full.err());
    assertEquals("ior: /dev/full: no space left on device; nothing was traced\n", full.err());
    CliProcess missing = new CliProcess("ior", "-pprof", "-name", "/nonexistent/dir/o",
        "-duration", "60");
    assertEquals(2, missing.waitFor(30), missing.err());
    assertTrue(missing.err().contains("directory /nonexistent/dir does not exist"),
        missing.err());
    CliProcess spy = new CliProcess("zeekspy", "-pid", Long.toString(ProcessHandle.current()
        .pid()), "-profile", ro.resolve("z.pb.gz").toString(), "-duration", "60s");
    assertEquals(1, spy.waitFor(30), spy.err());
    assertEquals("zeekspy: cannot write " + ro.resolve("z.pb.gz") + ": read-only file system"
        + " (in " + ro + "); nothing was sampled\n", spy.err());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(50),
        "refused at once, not after -duration");
  }

  @Test
  void aTracedProcessThatExitsEndsTheTrace() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Workload.binary().toString(), "seq", dir.toString())
        .redirectErrorStream(true);
    pb.environment().put("IORWL_WAIT", "1");
    Process w = pb.start();
    CliProcess ior = new CliProcess("ior", "-pid", Long.toString(w.pid()), "-tps", TPS,
        "-plain", "-duration", "60");
    ior.awaitErr("Ctrl+C to stop", 60);
    long released = System.nanoTime();
    w.getOutputStream().write('\n');
    w.getOutputStream().flush();
    w.getInputStream().readAllBytes();
    assertEquals(0, w.waitFor());
    assertEquals(0, ior.waitFor(30), ior.err());
    assertTrue(System.nanoTime() - released < TimeUnit.SECONDS.toNanos(20), "ended with it");
    assertTrue(ior.err().contains("ior: process " + w.pid() + " exited; the trace ends"),
        ior.err());
    assertTrue(ior.out().contains(",iorwl," + w.pid() + ","), ior.out());
    assertClean(ior.err());
  }

  @Test
  void aCutRecordingReplaysWhatIsReadableAndWritesEveryOutput() throws Exception {
    Path rec = dir.resolve("mix.iorrec");
    CliProcess live = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS, "-duration",
        "0", "-record", rec.toString(), "-flamegraph", "-name", dir.resolve("live").toString());
    live.awaitErr("Ctrl+C to stop", 60);
    runMix(3000); // about 24,000 records: several gzip members
    live.signal("TERM");
    assertEquals(143, live.waitFor(60), live.err());
    long liveCalls = IorFileReader.read(dir.resolve("live.ior")).rows().stream()
        .mapToLong(r -> r.count()).sum();

    byte[] whole = Files.readAllBytes(rec);
    Path cut = Files.write(dir.resolve("cut.iorrec"), Arrays.copyOf(whole, whole.length * 2 / 3));
    String name = dir.resolve("replayed").toString();
    CliProcess replay = new CliProcess("ior", "-replay", cut.toString(), "-flamegraph", "-pprof",
        "-name", name);
    assertEquals(1, replay.waitFor(60), replay.err());
    String err = replay.err();
    Matcher m = Pattern.compile(Pattern.quote(cut.toString()) + " is cut short after ([0-9,]+)"
        + " records").matcher(err);
    assertTrue(m.find(), err);
    long records = Long.parseLong(m.group(1).replace(",", ""));
    assertTrue(records > 1000, "the checked members before the cut replay: " + records);
    assertTrue(err.contains("syscalls paired:    at least "), err);
    for (String ext : new String[] {".ior", ".collapsed", ".svg", ".pb.gz"}) {
      assertTrue(err.contains("ior: wrote " + name + ext), ext + ": " + err);
    }
    long replayedCalls = IorFileReader.read(Path.of(name + ".ior")).rows().stream()
        .mapToLong(r -> r.count()).sum();
    assertTrue(replayedCalls > 0 && replayedCalls < liveCalls, replayedCalls + " of "
        + liveCalls);
    assertClean(err);
  }
}
