// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Windows merge the slices that end inside them; retention drops older ones. */
class AggregateWindowTest {
  private static final long S = 1_000_000_000L;

  private static PairRecord write(String file, long bytes) {
    return new PairRecord(SyscallTable.standard().byName("write"), 5, 5, "app", 0, 1_000, 0,
        bytes, 3, file, null, 1, bytes);
  }

  private static long count(AggregateWindow.Rows r) {
    return r.rows().stream().mapToLong(AggregateRow::count).sum();
  }

  @Test
  void windowsReachBackBySlices() {
    AtomicLong now = new AtomicLong(100 * S);
    AggregateWindow w = new AggregateWindow(Duration.ofSeconds(10), now::get);
    w.accept(write("/a", 10)); // slice [100 s, 101 s)
    now.addAndGet(S);
    w.advance();
    for (int i = 0; i < 3; i++) {
      w.accept(write("/b", 1)); // slice [101 s, 106 s)
    }
    now.addAndGet(5 * S);
    w.advance();
    w.accept(write("/b", 1)); // cut by window(): [106 s, 107 s)
    now.addAndGet(S);

    AggregateWindow.Rows last1 = w.window(Duration.ofSeconds(1));
    assertEquals(1, count(last1));
    assertEquals(S, last1.durationNs());
    AggregateWindow.Rows last3 = w.window(Duration.ofSeconds(3));
    assertEquals(4, count(last3), "the 5 s slice ends inside 3 s: counted whole");
    assertEquals(6 * S, last3.durationNs());
    assertEquals(1, last3.rows().stream().filter(r -> r.path().equals("/b")).count());
    assertEquals(5, count(w.window(Duration.ofSeconds(10))));

    now.addAndGet(10 * S); // everything is older than the retention now
    assertEquals(0, count(w.window(Duration.ofSeconds(10))));
  }
}
