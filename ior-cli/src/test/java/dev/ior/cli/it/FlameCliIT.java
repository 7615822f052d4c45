// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.GoPprofTool;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.testdata.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -flamegraph} and {@code ior -pprof} on the real kernel: the files' totals equal the
 * workload's known syscalls (iorwl.c), also when the trace is stopped with Ctrl+C.
 */
class FlameCliIT {
  /** Every syscall iorwl seq makes, with the fd-duplicating ones so writes resolve to files. */
  static final String TPS = "_(open|openat|read|write|pwrite64|pread64|fsync|fcntl|dup2|dup3"
      + "|close|close_range|rename|unlink)$";

  @TempDir Path work;
  @TempDir Path out;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  private void runWorkload(String mode) throws Exception {
    Requirements.runWorkload(mode, work);
  }

  @Test
  void flamegraphAndPprofOfTheSeqWorkloadAreWrittenOnCtrlC() throws Exception {
    String name = out.resolve("seq").toString();
    CliProcess ior = new CliProcess("ior", "-flamegraph", "-pprof", "-comm", Workload.COMM,
        "-path", work.toString(), "-tps", TPS, "-duration", "0", "-name", name);
    ior.awaitErr("Ctrl+C to stop", 60);
    runWorkload("seq");
    Thread.sleep(300);
    ior.signal("INT");
    assertEquals(130, ior.waitFor(60), ior.err());
    assertEquals("", ior.out(), "aggregating, not streaming");

    // iorwl seq under -path DIR: 20 calls with a resolved file (close_range and the write to the
    // fd it closed have none), 461 bytes (writes 100+10+20+21, pwrite 200, read 50, pread 60).
    IorData data = IorFileReader.read(Path.of(name + ".ior"));
    Map<String, Long> bySyscall = new TreeMap<>();
    for (AggregateRow r : data.rows()) {
      bySyscall.merge(r.syscall(), r.count(), Long::sum);
      assertTrue(r.comm().contains(Workload.COMM), r.toString());
    }
    assertEquals(Map.ofEntries(Map.entry("close", 3L), Map.entry("dup2", 1L),
        Map.entry("dup3", 1L), Map.entry("fcntl", 1L), Map.entry("fsync", 1L),
        Map.entry("open", 3L), Map.entry("openat", 1L), Map.entry("pread64", 1L),
        Map.entry("pwrite64", 1L), Map.entry("read", 1L), Map.entry("rename", 1L),
        Map.entry("unlink", 1L), Map.entry("write", 4L)), bySyscall);
    assertEquals(461, data.rows().stream().mapToLong(AggregateRow::bytes).sum());
    assertEquals(Workload.COMM, data.run().filters().comm());
    assertFalse(data.run().stats().lossy(), data.run().stats().toString());

    String collapsed = Files.readString(Path.of(name + ".collapsed"));
    assertEquals(20, collapsed.lines().mapToLong(l -> Long.parseLong(l.substring(
        l.lastIndexOf(' ') + 1))).sum(), collapsed);
    assertTrue(collapsed.contains(";/a.txt;write 4\n"), collapsed);
    assertTrue(Files.readString(Path.of(name + ".svg"))
        .contains("I/O Traces (comm,path,tracepoint by count)"));

    long duration = data.rows().stream().mapToLong(AggregateRow::durationNs).sum();
    long gaps = data.rows().stream().mapToLong(AggregateRow::durationToPrevNs).sum();
    assertArrayEquals(new long[] {20, duration, gaps, 461},
        GoPprofTool.rawTotals(Path.of(name + ".pb.gz")));

    // Offline re-projection of the same run, as a user would call it (no root needed).
    CliProcess again = new CliProcess("ior", "-ior", name + ".ior", "-fields",
        "pid,path,tracepoint", "-count", "bytes");
    assertEquals(0, again.waitFor(60), again.err());
    String byBytes = Files.readString(Path.of(name + "-pid-path-tracepoint-by-bytes.collapsed"));
    assertEquals(461, byBytes.lines().mapToLong(l -> Long.parseLong(l.substring(
        l.lastIndexOf(' ') + 1))).sum(), byBytes);
    assertTrue(byBytes.lines().allMatch(l -> l.matches("\\d+;.*")), byBytes);
  }

  @Test
  void pprofAloneOfTheThreadsWorkloadMatchesItsCounts() throws Exception {
    String name = out.resolve("threads").toString();
    CliProcess ior = new CliProcess("ior", "-pprof", "-comm", Workload.COMM, "-path",
        work.toString(), "-tps", TPS, "-duration", "3", "-name", name);
    ior.awaitErr("Ctrl+C to stop", 60);
    runWorkload("threads");
    assertEquals(0, ior.waitFor(60), ior.err());
    assertFalse(Files.exists(Path.of(name + ".ior")), "-pprof alone writes only the profile");
    // Two threads, each: open, 10 writes of 1000 bytes, close.
    long[] totals = GoPprofTool.rawTotals(Path.of(name + ".pb.gz"));
    assertEquals(24, totals[0]);
    assertEquals(20_000, totals[3]);
    String t1 = GoPprofTool.run(Path.of(name + ".pb.gz"), "-top", "-sample_index=count",
        "-tagfocus=thread=iorwl-t1");
    assertTrue(t1.contains("accounting for 12, 50.00% of 24 total"), t1);
    assertTrue(t1.lines().anyMatch(l -> l.matches("\\s+10\\s+41\\.67%.*\\swrite")), t1);
  }
}
