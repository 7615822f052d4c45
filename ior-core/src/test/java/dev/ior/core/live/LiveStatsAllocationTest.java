// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static dev.ior.core.live.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of {@link LiveStats} allocates nothing per pair once its groups exist,
 * across snapshots (the buffers are zeroed and reused, not rebuilt).
 */
class LiveStatsAllocationTest {
  @Test
  void steadyStateAcceptAllocatesNothing() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    LiveStats live = new LiveStats(System::nanoTime, 64);
    PairRecord[] pairs = new PairRecord[32];
    dev.ior.core.stack.CallStack[] stacks = {
        new dev.ior.core.stack.CallStack(java.util.List.of("main", "load", "read")),
        new dev.ior.core.stack.CallStack(java.util.List.of("main", "save", "write"))};
    for (int i = 0; i < pairs.length; i++) {
      PairRecord p = pair("db" + i % 4, 100 + i % 4, i % 2 == 0 ? "read" : "write", "/d/f" + i,
          1_000 + i, 10);
      // Half the pairs carry a user stack (the dashboard's per-stack counters count them).
      pairs[i] = i % 4 < 2 ? p : new PairRecord(p.syscall(), p.pid(), p.tid(), p.comm(),
          p.enterNs(), p.exitNs(), p.gapNs(), p.ret(), p.fd(), p.file(), p.file2(), p.flags(),
          p.bytes(), p.thread(), p.cgroupId(), p.marks(), stacks[i % 2]);
    }
    // Both interval buffers must have seen every group: feed, swap, feed, swap.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 20_000; i++) {
        live.accept(pairs[i % pairs.length]);
      }
      live.snapshot();
    }
    long tid = Thread.currentThread().getId();
    long before = hs.getThreadAllocatedBytes(tid);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      live.accept(pairs[i % pairs.length]);
    }
    long allocated = hs.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 4_096, allocated + " bytes allocated for " + n + " pairs");
    LiveSnapshot s = live.snapshot();
    assertEquals(40_000 + n, s.total().count());
    assertEquals((40_000 + n) / 2, s.stacks().stream().mapToLong(StackStats::count).sum());
  }
}
