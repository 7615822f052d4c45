// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.syscall.SyscallTable;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat aggregation table: summing, key identity, growth, no allocation per event. */
class AggregateTableTest {

  @Test
  void sumsEqualKeysAndSeparatesEveryKeyField() {
    AggregateTable t = new AggregateTable(16);
    t.add("/a", "read", "cat", 1, 1, 0, 1, 100, 10, 4096);
    t.add("/a", "read", "cat", 1, 1, 0, 1, 300, 30, 100);
    t.add("/b", "read", "cat", 1, 1, 0, 1, 1, 1, 1);  // path
    t.add("/a", "write", "cat", 1, 1, 0, 1, 1, 1, 1); // syscall
    t.add("/a", "read", "dog", 1, 1, 0, 1, 1, 1, 1);  // comm
    t.add("/a", "read", "cat", 2, 1, 0, 1, 1, 1, 1);  // pid
    t.add("/a", "read", "cat", 1, 2, 0, 1, 1, 1, 1);  // tid
    t.add("/a", "read", "cat", 1, 1, -1, 1, 1, 1, 1); // flags
    List<AggregateRow> rows = t.rows();
    assertEquals(7, t.size());
    assertEquals(new AggregateRow("/a", "read", "cat", 1, 1, 0, 2, 400, 40, 4196), rows.get(0));
    assertEquals(8, t.totalCount());
  }

  @Test
  void cgroupIdsAreKeysResolvedWhenTheRowsAreTaken() {
    AggregateTable t = new AggregateTable(16);
    t.add("/a", "read", "cat", "cat", 1, 1, 0, 7, 1, 100, 10, 1);
    t.add("/a", "read", "cat", "cat", 1, 1, 0, 7, 1, 100, 10, 1);
    t.add("/a", "read", "cat", "cat", 1, 1, 0, 8, 1, 100, 10, 1);
    t.add("/a", "read", "cat", 1, 1, 0, 1, 100, 10, 1); // no cgroup
    t.add(new AggregateRow("/a", "read", "cat", 1, 1, 0, 1, 100, 10, 1, "cat", "/from/file"));
    List<Long> asked = new java.util.ArrayList<>();
    List<AggregateRow> rows = t.rows(id -> {
      asked.add(id);
      return "/cg" + id;
    });
    assertEquals(List.of("/cg7", "/cg8", "", "/from/file"),
        rows.stream().map(AggregateRow::cgroup).collect(java.util.stream.Collectors.toList()));
    assertEquals(2, rows.get(0).count());
    assertEquals(List.of(7L, 8L), asked, "once per id, never for 0");
    assertEquals("#7", t.rows().get(0).cgroup());
  }

  @Test
  void growsPastItsInitialSizeKeepingEveryRowInFirstSeenOrder() {
    AggregateTable t = new AggregateTable(16);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10_000; i++) {
        t.add("/f" + i, "read", "c", i % 7, i, 0, 1, i, 0, 0);
      }
    }
    assertEquals(10_000, t.size());
    List<AggregateRow> rows = t.rows();
    for (int i = 0; i < 10_000; i += 999) {
      assertEquals("/f" + i, rows.get(i).path());
      assertEquals(3, rows.get(i).count());
      assertEquals(3L * i, rows.get(i).durationNs());
    }
  }

  @Test
  void existingKeysAllocateNothing() {
    SyscallTable table = SyscallTable.standard();
    AggregatingSink sink = new AggregatingSink();
    MutablePair[] pairs = new MutablePair[64];
    for (int i = 0; i < pairs.length; i++) {
      MutablePair p = new MutablePair();
      p.syscall = table.byName(i % 2 == 0 ? "read" : "write");
      p.pid = 100 + i % 4;
      p.tid = 200 + i % 8;
      p.comm = "db" + i % 4;
      p.file = "/var/lib/db/table" + i % 16;
      p.flags = 02;
      p.exitNs = 1000;
      p.bytes = 4096;
      pairs[i] = p;
    }
    for (int i = 0; i < 200_000; i++) { // warm-up: keys created, code compiled
      sink.accept(pairs[i & 63]);
    }
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1_000_000; i++) {
      sink.accept(pairs[i & 63]);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 1M existing keys");
    assertEquals(16, sink.table().size()); // every key field follows i % 16
    assertEquals(1_200_000, sink.table().totalCount());
  }

  @Test
  void unknownFileCountsUnderTheEmptyPath() {
    AggregatingSink sink = new AggregatingSink();
    MutablePair p = new MutablePair();
    p.syscall = SyscallTable.standard().byName("sync");
    p.comm = "x";
    p.enterNs = 10;
    p.exitNs = 25;
    p.gapNs = 5;
    sink.accept(p);
    assertEquals(new AggregateRow("", "sync", "x", 0, 0, 0, 1, 15, 5, 0),
        sink.table().rows().get(0));
  }
}
