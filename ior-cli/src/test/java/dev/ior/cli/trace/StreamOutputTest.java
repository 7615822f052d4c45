// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.PairRecord;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamOutputTest {
  /** Monotonic 0 is 2023-11-14T22:13:20Z. */
  private static final long EPOCH_AT_ZERO_NS = 1_700_000_000_000_000_000L;

  @Test
  void theWarmUpBesideTheConsumerLeavesTheLiveLinesTimesAlone(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("trace.csv");
    StreamOutput out = StreamOutput.toFile(file, StreamFormat.CSV,
        new WallClock(EPOCH_AT_ZERO_NS), CgroupLookup.NONE);
    out.started();
    // The warm-up's synthetic calls are in second 0 of the monotonic clock, the live ones in
    // second 5: a clock shared by both threads flips its cached second at every turn.
    AtomicBoolean warming = new AtomicBoolean(true);
    Thread warmUp = new Thread(() -> {
      for (int i = 0; i < 5; i++) {
        out.warmUp();
      }
      warming.set(false);
    }, "ior-warm-up");
    warmUp.start();
    PairSink live = out.sink();
    var write = SyscallTable.standard().byName("write");
    int n = 0;
    while ((warming.get() || n < 1_000) && n < 300_000) {
      long t = 5_000_000_000L + n;
      live.accept(new PairRecord(write, 7, 7, "db", t, t + 100, 0, 8, 3, "/data/log", null, 0, 8));
      n++;
    }
    warmUp.join();
    live.finish();
    List<String> lines = Files.readAllLines(file);
    assertEquals(n + 1, lines.size(), "the header and one line per call");
    List<String> wrong = lines.subList(1, lines.size()).stream()
        .filter(l -> !l.startsWith("2023-11-14T22:13:25.")).toList();
    assertEquals(List.of(), wrong.subList(0, Math.min(3, wrong.size())),
        wrong.size() + " of " + n + " live lines have another second's time");
    assertTrue(n > 1_000, "the warm-up ran beside " + n + " live calls");
  }
}
