// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the timeline keeps: every call or the slowest N, threads, process events, bytes/s. */
class TimelineSinkTest {
  static final SyscallTable T = SyscallTable.standard();

  static PairRecord call(String syscall, int pid, int tid, String comm, long enter, long exit,
      long ret, String file, long bytes) {
    return new PairRecord(T.byName(syscall), pid, tid, comm, enter, exit, 0, ret, 3, file, null,
        0, bytes);
  }

  @Test
  void keepsEveryCallInStartOrderWithThreadsAndProcessNames() {
    TimelineSink s = new TimelineSink(0);
    s.accept(call("read", 10, 11, "worker", 5_000, 6_000, 100, "/a", 100));
    s.accept(call("openat", 10, 10, "db", 1_000, 2_000, -2, "/missing", 0));
    s.exec(20, 20, 500, "sh");
    s.fork(10, 10, 20, 400);
    s.taskExit(20, 20, 9_000);
    Timeline t = s.timeline();
    assertEquals(2, t.size());
    assertEquals(0, t.leftOut());
    assertEquals("openat", t.slice(0).syscall());
    assertEquals("ENOENT", t.slice(0).errno());
    assertEquals(400, t.firstNs());
    assertEquals(9_000, t.lastNs());
    assertEquals("db", t.processName(10), "the main thread names the process");
    assertEquals("worker", t.threadName(11));
    assertEquals("sh", t.processName(20), "named by its exec");
    assertEquals(List.of("exec", "fork", "exit"),
        t.processEvents().stream().map(Timeline.ProcessEvent::kind).toList());
  }

  @Test
  void withALimitKeepsTheSlowestAndCountsTheRest() {
    TimelineSink s = new TimelineSink(3);
    List<Long> durations = List.of(50L, 10L, 90L, 20L, 70L, 30L, 100L);
    for (int i = 0; i < durations.size(); i++) {
      s.accept(call("write", 1, 1, "w", i * 1000L, i * 1000L + durations.get(i), 1, "/f", 1));
    }
    Timeline t = s.timeline();
    assertEquals(3, t.size());
    assertEquals(4, t.leftOut());
    assertEquals(7, t.seen());
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      kept.add(t.slice(i).exitNs() - t.slice(i).enterNs());
    }
    assertEquals(List.of(90L, 70L, 100L), kept, "the three slowest, in start order");
    assertThrows(IllegalArgumentException.class, () -> new TimelineSink(-1));
  }

  @Test
  void bytesPerProcessIn100MsBucketsEvenOutOfOrder() {
    TimelineSink s = new TimelineSink(0);
    s.accept(call("read", 1, 1, "a", 0, 50_000_000, 10, "/f", 10));
    s.accept(call("write", 1, 2, "a", 0, 250_000_000, 7, "/f", 7));
    s.accept(call("read", 1, 1, "a", 0, 60_000_000, 5, "/f", 5)); // late, first bucket
    s.accept(call("read", 1, 1, "a", 0, 70_000_000, -5, "/f", 0)); // failed: no bytes
    List<Timeline.Bucket> b = s.timeline().counters().get(1);
    assertEquals(List.of(new Timeline.Bucket(0, 15, 0, 0),
        new Timeline.Bucket(200_000_000, 0, 7, 0)), b);
  }

  @Test
  void teeForwardsProcessEvents() {
    TimelineSink a = new TimelineSink(0);
    TimelineSink b = new TimelineSink(0);
    PairSink both = PairSink.tee(a, b);
    both.exec(1, 1, 10, "x");
    both.fork(1, 1, 2, 11);
    both.taskExit(1, 1, 12);
    assertEquals(3, a.timeline().processEvents().size());
    assertTrue(b.timeline().processEvents().size() == 3);
  }
}
