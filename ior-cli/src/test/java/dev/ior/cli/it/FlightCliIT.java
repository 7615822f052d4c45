// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.flight.FlightFileReader;
import dev.ior.core.sink.PairSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -flight} on the real kernel: a workload makes 10,000 fast writes and one fsync that
 * a FUSE file system ({@code slowfs.c}, compiled here) holds for 1.5 s; the slow-call trigger
 * fires once, the dump holds the slow call and the writes before it, and replays into a flame
 * graph and a timeline with the trigger marked. SIGUSR1 then dumps again.
 */
class FlightCliIT {
  private static final long FSYNC_MS = 1500;
  private static final int WRITES = 10_000;

  @TempDir Path work;
  private Path mnt;
  private Process slowfs;

  @BeforeEach
  void setUp() throws Exception {
    Requirements.requireBpf();
    Path fs = compile("slowfs", "-D_FILE_OFFSET_BITS=64", "-I/usr/include/fuse3", "-lfuse3",
        "-lpthread");
    compile("flightwl");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "SKIPPED: no /dev/fuse");
    mnt = Files.createDirectory(work.resolve("mnt"));
    ProcessBuilder pb = new ProcessBuilder(fs.toString(), "-f", mnt.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("slowfs.log").toFile());
    pb.environment().put("SLOWFS_FSYNC_MS", Long.toString(FSYNC_MS));
    slowfs = pb.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(Path.of("/proc/mounts")).contains(mnt + " fuse")) {
      if (!slowfs.isAlive() || System.nanoTime() > until) {
        Assumptions.abort("SKIPPED: slowfs did not mount: "
            + Files.readString(work.resolve("slowfs.log")));
      }
      Thread.sleep(50);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (slowfs != null) {
      new ProcessBuilder("fusermount3", "-u", mnt.toString()).start().waitFor(10, TimeUnit.SECONDS);
      slowfs.destroy(); // SIGTERM, if unmounting did not end it
      slowfs.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Compiles src/test/resources/flight/NAME.c into the work directory; skips without gcc. */
  private Path compile(String name, String... flags) throws Exception {
    Path src = Path.of("src/test/resources/flight", name + ".c").toAbsolutePath();
    Path bin = work.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", bin.toString(),
        src.toString()));
    cmd.addAll(List.of(flags));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("SKIPPED: no gcc: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      System.err.println("SKIPPED: cannot compile " + name + " (scripts/install-deps.sh --test"
          + " installs libfuse3-dev): " + out);
      Assumptions.abort("cannot compile " + name + ": " + out);
    }
    return bin;
  }

  @Test
  void aSlowFsyncDumpsTheSecondsBeforeItOnceAndReplaysIntoEveryOutput() throws Exception {
    Path fast = Files.createDirectory(work.resolve("fast"));
    Path dumps = Files.createDirectory(work.resolve("dumps"));
    CliProcess ior = new CliProcess("ior", "-comm", "flightwl", "-duration", "0",
        "-flight", "20s,64MiB", "-flight-slow", "1s", "-flight-syscalls", "fsync",
        "-flight-path", mnt + "/**", "-flight-after", "1s", "-flight-every", "0",
        "-flight-dir", dumps.toString());
    ior.awaitErr("Ctrl+C to stop", 60);
    Process wl = new ProcessBuilder(work.resolve("flightwl").toString(), fast.toString(),
        mnt.toString(), Integer.toString(WRITES)).inheritIO().start();
    assertEquals(0, wl.waitFor(), "flightwl");
    ior.awaitErr("-slow.iorfl", 30);
    ior.signal("USR1");
    ior.awaitErr("-signal.iorfl", 30);
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(60), ior.err());
    assertEquals("", ior.out(), "the flight recorder replaces the stream");
    assertTrue(ior.err().contains("ior: flight recorder: 2 dumps written"), ior.err());

    List<Path> files;
    try (Stream<Path> s = Files.list(dumps)) {
      files = s.sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    Path slowDump = files.stream().filter(f -> f.toString().endsWith("-slow.iorfl")).findFirst()
        .orElseThrow();
    List<PairRecord> pairs = new ArrayList<>();
    FlightFileReader.Read read = FlightFileReader.read(slowDump, pair(pairs));
    assertEquals("slow", read.header().kind());
    assertEquals(0, read.overwritten());
    List<PairRecord> fsyncs = pairs.stream().filter(p -> p.syscall().name().equals("fsync"))
        .toList();
    assertEquals(1, fsyncs.size(), "the slow call is in the dump");
    PairRecord slow = fsyncs.get(0);
    assertEquals(mnt.resolve("slow.dat").toString(), slow.file());
    assertTrue(slow.durationNs() >= (FSYNC_MS - 50) * 1_000_000L, slow.toString());
    assertEquals(slow.exitNs(), read.header().triggerNs());
    assertEquals(WRITES, pairs.stream().filter(p -> p.syscall().name().equals("write")
        && fast.resolve("fast.dat").toString().equals(p.file())).count(),
        "the writes before the trigger (within the 20 s window)");
    assertTrue(pairs.stream().allMatch(p -> p.exitNs() >= slow.exitNs() - 20_000_000_000L));

    // Replayed, no root needed: a flame graph and a timeline with the trigger marked.
    String name = work.resolve("replayed").toString();
    Path timeline = work.resolve("t.json");
    CliProcess replay = new CliProcess("ior", "-replay", slowDump.toString(), "-flamegraph",
        "-name", name, "-timeline", timeline.toString());
    assertEquals(0, replay.waitFor(60), replay.err());
    String collapsed = Files.readString(Path.of(name + ".collapsed"));
    assertTrue(collapsed.contains("/slow.dat;fsync 1\n"), collapsed);
    assertTrue(collapsed.contains("/fast.dat;write " + WRITES + "\n"), collapsed);
    assertTrue(Files.readString(Path.of(name + ".svg")).contains("fsync"));
    String json = Files.readString(timeline);
    assertTrue(json.contains("\"name\":\"flight trigger: slow fsync took "), "trigger marked");
    assertTrue(json.contains("\"cat\":\"mark\",\"ph\":\"i\",\"s\":\"g\""), "a global instant");
  }

  private static PairSink pair(List<PairRecord> into) {
    return (SyscallPair p) -> into.add(p.copy());
  }
}
