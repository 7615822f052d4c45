// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.stream.WallClock;
import dev.ior.cli.testing.ClickHouseServer;
import dev.ior.core.event.PairRecord;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ClickHouse sink against a real server (Debian's clickhouse-server, started here on
 * loopback): rows read back exactly, and a server stopped and started again in the middle of a
 * run loses nothing but what the sink says it dropped.
 */
class ClickHouseSinkTest {
  private static final SyscallTable T = SyscallTable.standard();
  private static final long EPOCH = 1_765_000_000_000_000_000L;

  @TempDir static Path dir;
  private static ClickHouseServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ClickHouseServer.create(dir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static ClickHouseClient client() {
    return new ClickHouseClient(URI.create(server.url()), null, null, Duration.ofSeconds(10));
  }

  private static ClickHouseSink sink(String table, int batchRows, int queue) throws IOException {
    ClickHouseClient c = client();
    ClickHouseTable.prepare(c, table, true);
    return new ClickHouseSink(new ClickHouseSink.Settings(table, batchRows, 200_000_000L, queue,
        60_000_000_000L, 30_000_000_000L), c, new RowFormat("testhost", new WallClock(EPOCH),
        PairLabels.CURRENT), System::nanoTime);
  }

  @Test
  void rowsReadBackExactlyWithOddNames() throws Exception {
    ClickHouseSink s = sink("t1.events", 2, 4);
    List<PairRecord> pairs = List.of(
        new PairRecord(T.byName("openat"), 10, 11, "db", 1_000, 3_500, 100, 3, -1,
            "/tmp/a\tb\nc\\d\re", null, 0x241, 0, "db-wr\u00fcter", 42, 0),
        new PairRecord(T.byName("write"), 10, 11, "db", 4_000, 9_000, 500, 4096, 3,
            "/tmp/\u00fcn\u00ef \uD83D\uDE00", null, 1, 4096, "w", 42, 2),
        new PairRecord(T.byName("rename"), 12, 12, "mv", 10_000, 10_100, 0, -13, -1,
            "/old", "/new", 0, 0, "mv", 0, 0),
        new PairRecord(T.byName("fsync"), 10, 13, "db", 20_000, 2_000_000_020_000L, 0, -5, 3,
            null, null, 1, 0, "db-sync", 42, 0));
    for (PairRecord p : pairs) {
      s.accept(p);
    }
    s.finish();
    s.awaitSent();
    assertEquals(new ClickHouseStats(4, 2, 0, 0, 0, 0, 0, ""), s.stats());
    String tsv = server.query("SELECT host, time_ns, duration_ns, gap_ns, container, cgroup_id,"
        + " comm, pid, tid, thread, syscall, family, fd, file, file2, flags, ret, errno, bytes,"
        + " marks, stack_id FROM t1.events ORDER BY time_ns FORMAT TSV");
    List<String> rows = tsv.lines().toList();
    assertEquals(4, rows.size(), tsv);
    for (int i = 0; i < 4; i++) {
      PairRecord p = pairs.get(i);
      String[] f = rows.get(i).split("\t", -1);
      assertEquals("testhost", f[0]);
      assertEquals(Long.toString(EPOCH + p.enterNs()), f[1]);
      assertEquals(Long.toString(p.durationNs()), f[2]);
      assertEquals(Long.toString(p.gapNs()), f[3]);
      assertEquals("", f[4], "no container without a cgroup lookup");
      assertEquals(Long.toString(p.cgroupId()), f[5]);
      assertEquals(p.comm(), f[6]);
      assertEquals(p.pid() + "", f[7]);
      assertEquals(p.tid() + "", f[8]);
      assertEquals(p.thread(), unescape(f[9]));
      assertEquals(p.syscall().name(), f[10]);
      assertEquals(p.syscall().family(), f[11]);
      assertEquals(p.fd() + "", f[12]);
      assertEquals(p.file() == null ? "" : p.file(), unescape(f[13]), "file of row " + i);
      assertEquals(p.file2() == null ? "" : p.file2(), unescape(f[14]));
      assertEquals(p.flags() + "", f[15]);
      assertEquals(p.ret() + "", f[16]);
      assertEquals(p.ret() < 0 ? dev.ior.core.event.Errno.name(p.ret()) : "", f[17]);
      assertEquals(p.bytes() + "", f[18]);
      assertEquals(p.marks() + "", f[19]);
      assertEquals("0", f[20]);
    }
  }

  @Test
  void aServerRestartLosesOnlyWhatTheSinkSaysItDropped() throws Exception {
    ClickHouseSink s = sink("t2.events", 5_000, 64);
    int total = 300_000;
    feed(s, 0, 100_000);
    server.stop(); // SIGTERM in the middle of the run; it has exited when stop() returns
    feed(s, 100_000, 200_000); // batches cut now find no server: retried with backoff
    sleepMs(1_000);
    server.start(); // same data, same port
    feed(s, 200_000, total);
    s.finish();
    s.awaitSent();
    ClickHouseStats st = s.stats();
    System.out.println("ClickHouse restart in the middle of a run: " + st);
    long rows = Long.parseLong(server.query("SELECT count() FROM t2.events").strip());
    assertTrue(st.retries() > 0, "the restart was noticed: " + st);
    assertEquals(st.rowsSent(), rows, st.toString());
    assertEquals(total, st.rowsSent() + st.dropped(), st.toString());
    assertEquals(0, st.dropped(), "a 2 s restart fits in the retries and the queue: " + st);
    assertEquals(total * 64L, Long.parseLong(server.query(
        "SELECT sum(bytes) FROM t2.events").strip()));
  }

  @Test
  void aTableWithOtherColumnsIsRefusedBeforeTheTrace() throws Exception {
    server.query("CREATE DATABASE IF NOT EXISTS t3");
    server.query("CREATE TABLE t3.events (host String) ENGINE = Memory");
    IOException e = assertThrows(IOException.class,
        () -> ClickHouseTable.prepare(client(), "t3.events", false));
    assertTrue(e.getMessage().contains("has other columns"), e.getMessage());
    IOException none = assertThrows(IOException.class,
        () -> ClickHouseTable.prepare(client(), "t3.nothing", false));
    assertTrue(none.getMessage().contains("no table t3.nothing"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventSchema.checkTable("a;drop"));
  }

  @Test
  void errorsThatWouldRecurAreNotRetried() {
    assertTrue(ClickHouseClient.retriable(503, ""));
    assertTrue(ClickHouseClient.retriable(500, "Code: 252, e.displayText() = Too many parts"));
    assertTrue(!ClickHouseClient.retriable(500, "Code: 27, e.displayText() = Cannot parse"));
    assertTrue(!ClickHouseClient.retriable(404, "Code: 60, Table doesn't exist"));
  }

  /** Pairs {@code from..to} at about 50,000 a second, with the pair clock as the live one. */
  private static void feed(ClickHouseSink s, int from, int to) {
    for (int i = from; i < to; i++) {
      long now = System.nanoTime();
      s.accept(new PairRecord(T.byName("write"), 10, 11, "db", now - 1_000, now, 0, 64, 3,
          "/data/f" + (i % 100), null, 1, 64));
      if (i % 1_000 == 999) {
        s.flush();
        sleepMs(20);
      }
    }
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n == '0' ? '\0' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static void sleepMs(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
