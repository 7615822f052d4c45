// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import dev.ior.cli.testing.IorRun.Result;
import dev.ior.cli.testing.GoPprofTool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real go tool pprof reads what {@code ior -pprof} writes, with the right totals. */
class GoToolPprofCliTest {
  @TempDir Path dir;

  @Test
  void goToolPprofReadsOurProfileWithExactTotalsTopEntriesAndLabels() throws Exception {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    String name = dir.resolve("p").toString();
    Result r = IorRun.run("-ior", ior.toString(), "-pprof", "-name", name, "-fields",
        "comm,tracepoint", "-count", "duration");
    assertEquals(0, r.code(), r.err());
    Path pb = Path.of(name + ".pb.gz");

    // count, duration (ns), durationToPrev (ns), bytes: the sums of FlameFixture.rows()
    assertArrayEquals(new long[] {18, 110_000, 359, 800}, GoPprofTool.rawTotals(pb));
    String raw = GoPprofTool.run(pb, "-raw");
    assertTrue(raw.contains("count/count duration/nanoseconds[dflt] durationToPrev/nanoseconds"
        + " bytes/bytes"), raw);

    String top = GoPprofTool.run(pb, "-top", "-sample_index=count");
    assertTrue(top.contains("Total samples = 18"), top);
    assertTrue(top.lines().anyMatch(l -> l.matches("\\s+9\\s+50\\.00%\\s+50\\.00%\\s+9\\s+50\\.00%"
        + "\\s+fsync")), top);
    String curl = GoPprofTool.run(pb, "-top", "-sample_index=count", "-tagfocus=pid=^20$");
    assertTrue(curl.contains("Total samples = 1") || curl.contains("of 1 total"), curl);
    assertTrue(curl.contains("openat"), curl);
  }
}
