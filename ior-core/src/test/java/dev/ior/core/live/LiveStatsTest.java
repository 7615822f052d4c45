// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static dev.ior.core.live.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Grouping, snapshots, rates, reset, the target filter and the buffer swap of LiveStats. */
class LiveStatsTest {
  private long now = 1_000_000_000L;
  private final LiveStats live = new LiveStats(() -> now, 3);

  private void feedWorkload() {
    live.accept(pair("db", 10, "openat", "/d/a", 2_000, 3));
    live.accept(pair("db", 10, "read", "/d/a", 1_000, 100));
    live.accept(pair("db", 10, "read", "/d/a", 3_000, 50));
    live.accept(pair("db", 10, "write", "/d/b", 10_000, 20));
    live.accept(pair("sh", 11, "openat", "/e/c", 500, -2));
  }

  @Test
  void groupsBySyscallFileAndProcess() {
    feedWorkload();
    LiveSnapshot s = live.snapshot();
    Map<String, GroupStats> sys = byKey(s.syscalls());
    assertEquals(2, sys.get("read").count());
    assertEquals(4_000, sys.get("read").totalNs());
    assertEquals(2_000, sys.get("read").avgNs());
    assertEquals(3_000, sys.get("read").maxNs());
    assertEquals(150, sys.get("read").bytesRead());
    assertEquals(1, sys.get("openat").errors());
    Map<String, GroupStats> files = byKey(s.files());
    assertEquals(3, files.get("/d/a").count());
    assertEquals(20, files.get("/d/b").bytesWritten());
    Map<String, GroupStats> procs = byKey(s.processes());
    assertEquals(4, procs.get("10").count());
    assertEquals("db", procs.get("10").detail());
    assertEquals(5, s.total().count());
    assertEquals(5, s.total().latency().total());
    assertEquals(5, s.total().gap().total());
    FlowStats reads = s.flows().stream()
        .filter(f -> f.syscall().equals("read")).findFirst().orElseThrow();
    assertEquals(new FlowStats("db", 10, "read", "/d/a", 2, 4_000, 150), reads);
    assertSame(s, live.latest());
  }

  @Test
  void totalsAccumulateAcrossIntervalsAndRatesCoverOneInterval() {
    feedWorkload();
    now += 1_000_000_000L;
    LiveSnapshot first = live.snapshot();
    assertEquals(5, first.intervalPairs());
    assertEquals(5.0, first.pairsPerSecond(), 1e-9);
    assertEquals(150.0, first.readPerSecond(), 1e-9);
    assertEquals(20.0, first.writtenPerSecond(), 1e-9);
    live.accept(pair("db", 10, "read", "/d/a", 1_000, 10));
    now += 2_000_000_000L;
    LiveSnapshot second = live.snapshot();
    assertEquals(first.sequence() + 1, second.sequence());
    assertEquals(2_000_000_000L, second.intervalNs());
    assertEquals(0.5, second.pairsPerSecond(), 1e-9);
    assertEquals(6, second.total().count(), "totals keep counting");
    assertEquals(3, byKey(second.syscalls()).get("read").count());
    assertEquals(3_000_000_000L, second.elapsedNs());
    now += 1_000_000_000L;
    assertEquals(0, live.snapshot().intervalPairs(), "an idle interval has no pairs");
  }

  @Test
  void recentPairsKeepTheNewestInOrderAcrossSnapshots() {
    feedWorkload();
    live.snapshot();
    live.accept(pair("db", 10, "close", "/d/a", 1_000, 0));
    List<String> recent = live.snapshot().recent().stream()
        .map(p -> p.syscall().name() + " " + p.file()).collect(Collectors.toList());
    assertEquals(List.of("write /d/b", "openat /e/c", "close /d/a"), recent);
  }

  @Test
  void resetAndTargetNarrowTheCounts() {
    feedWorkload();
    live.reset();
    live.target(11);
    live.accept(pair("db", 10, "read", "/d/a", 1_000, 1));
    live.accept(pair("sh", 11, "read", "/e/c", 1_000, 1));
    LiveSnapshot s = live.snapshot();
    assertEquals(1, s.total().count());
    assertEquals(1, s.skipped());
    assertEquals(11, s.target());
    assertEquals(List.of("11"), s.processes().stream().map(GroupStats::key)
        .collect(Collectors.toList()));
    assertTrue(s.files().stream().noneMatch(f -> f.key().equals("/d/a")));
  }

  @Test
  void callsWithoutFileGroupUnderNone() {
    live.accept(pair("db", 10, "sync", null, 1_000, 0));
    assertEquals(LiveTables.NO_FILE, live.snapshot().files().get(0).key());
  }

  @Test
  void snapshotsTakenWhileTheConsumerCountsLoseNothing() throws InterruptedException {
    int n = 200_000;
    PairRecord p = pair("db", 10, "read", "/d/a", 1_000, 1);
    Thread consumer = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        live.accept(p);
      }
    });
    consumer.start();
    long seen = 0;
    while (consumer.isAlive()) {
      LiveSnapshot s = live.snapshot();
      assertTrue(s.total().count() >= seen, "totals never go backwards");
      seen = s.total().count();
    }
    consumer.join();
    LiveSnapshot last = live.snapshot();
    assertEquals(n, last.total().count());
    assertEquals(n, last.total().latency().total());
    assertEquals(n, byKey(last.files()).get("/d/a").count());
  }

  private static Map<String, GroupStats> byKey(List<GroupStats> rows) {
    return rows.stream().collect(Collectors.toMap(GroupStats::key, Function.identity()));
  }
}
