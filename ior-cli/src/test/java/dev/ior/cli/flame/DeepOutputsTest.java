// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairRecord;
import dev.ior.core.projection.Projection;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.testing.SmallStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file 10,000 directories deep (any local user can keep one open while root traces) through
 * every output of ior, live and offline, on a thread with bin/ior's 512 KiB stack; and an output
 * that fails does not stop the others.
 */
class DeepOutputsTest {
  /** bin/.launch runs the JVM with -Xss512k. */
  static final int BIN_IOR_STACK = 512 * 1024;

  @TempDir Path dir;

  static String deepPath() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      b.append("/d").append(i);
    }
    return b.append("/file").toString();
  }

  @Test
  void liveFlameGraphAndPprofOfADeepPathWriteEveryFile() throws Throwable {
    String name = dir.resolve("live").toString();
    FlameOutput o = new FlameOutput(TraceConfig.builder().build(), Projection.defaults(), name,
        true, true, List.of(), Clock.fixed(Instant.parse("2026-11-26T07:05:00Z"),
            ZoneOffset.UTC), "earth", List.of("-flamegraph", "-pprof"));
    o.started();
    o.sink().accept(new PairRecord(SyscallTable.standard().byName("openat"), 7, 7, "evil", 100,
        200, 0, 3, -1, deepPath(), null, 0, 0));
    StringWriter err = new StringWriter();
    TraceStats stats = new TraceStats(1_000_000_000L, 2, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0);
    int rc = SmallStack.run(BIN_IOR_STACK, () -> o.finish(stats, new PrintWriter(err)));
    assertEquals(0, rc, err.toString());
    for (String ext : List.of(".ior", ".collapsed", ".svg", ".pb.gz")) {
      assertTrue(Files.size(Path.of(name + ext)) > 0, ext + "\n" + err);
    }
    assertEquals(10_003, PprofReader.read(Path.of(name + ".pb.gz")).samples().get(0).stack()
        .size(), "comm, 10,001 path frames, syscall");

    IorRun.Result again = SmallStack.run(BIN_IOR_STACK, () -> IorRun.run("-ior",
        name + ".ior", "-pprof", "-flamegraph", "-name", name + "-again"));
    assertEquals(0, again.code(), again.err());
    assertEquals(Files.readString(Path.of(name + ".collapsed")),
        Files.readString(Path.of(name + "-again.collapsed")));
    assertTrue(Files.size(Path.of(name + "-again.svg")) > 10_000 * 100);
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedByNameBeforeAnyWork() throws Exception {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), List.of(
        new AggregateRow(deepPath(), "openat", "evil", 7, 7, 0, 1, 100, 0, 0)));
    String name = dir.resolve("out").toString();
    Path blocked = Files.createDirectories(Path.of(name + ".svg"));
    Files.writeString(blocked.resolve("keep"), "a directory where the SVG should go");
    IorRun.Result r = IorRun.run("-ior", ior.toString(), "-flamegraph", "-pprof", "-name", name);
    // Checked before the work starts (a failure at the end is HostileInputTest's case).
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(name + ".svg"), r.err());
    assertFalse(r.err().contains(".tmp"), r.err());
  }
}
