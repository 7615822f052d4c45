// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.ClickHouseServer;
import dev.ior.testdata.Workload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -clickhouse} on the real kernel into a real ClickHouse (started here on loopback):
 * the exact calls of {@code iorwl mix} are in the table, with their bytes and files; the same
 * trace's {@code -parquet} file, read by DuckDB, holds the same rows. {@code ior serve
 * -clickhouse} counts what it sent and, with the server stopped, what it dropped, on
 * {@code /metrics} while it runs.
 */
class ClickHouseCliIT {
  @TempDir Path work;
  @TempDir Path chDir;

  @Test
  void theMixWorkloadsCallsAreInTheTable() throws Exception {
    Requirements.requireBpf();
    try (ClickHouseServer ch = ClickHouseServer.create(chDir)) {
      CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-path", work.toString(),
          "-duration", "0", "-clickhouse", ch.url(), "-clickhouse-create",
          "-clickhouse-table", "ior.events", "-parquet", work.resolve("mix.parquet").toString());
      ior.awaitErr("Ctrl+C to stop", 60);
      Process w = new ProcessBuilder(Workload.binary().toString(), "mix", "2000",
          work.toString()).inheritIO().start();
      assertEquals(0, w.waitFor(), "iorwl mix");
      Thread.sleep(300);
      ior.signal("TERM");
      assertEquals(143, ior.waitFor(60), ior.err());
      assertTrue(ior.err().contains("ior: clickhouse: 12,061 calls sent to ior.events"),
          ior.err());

      // 2,000 rounds of openat, pwrite64 and pread64 of 4 KiB, fstat, lseek, close; fsync and
      // two renames every 100th; the unlink at the end.
      Map<String, String> bySyscall = new TreeMap<>();
      for (String line : ch.query("SELECT syscall, count(), sum(bytes), uniqExact(file)"
          + " FROM ior.events GROUP BY syscall FORMAT TSV").lines().toList()) {
        String[] f = line.split("\t");
        bySyscall.put(f[0], f[1] + " " + f[2] + " " + f[3]);
      }
      String dat = work.resolve("iorwl-mix.dat").toString();
      assertEquals(Map.of("openat", "2000 0 1", "pwrite64", "2000 8192000 1",
          "pread64", "2000 8192000 1", "newfstat", "2000 0 1", "lseek", "2000 0 1",
          "close", "2000 0 1", "fsync", "20 0 1", "rename", "40 0 2", "unlink", "1 0 1"),
          bySyscall);
      assertEquals(dat + "\n", ch.query("SELECT DISTINCT file FROM ior.events"
          + " WHERE syscall = 'pwrite64' FORMAT TSV"));
      assertEquals("1\n", ch.query("SELECT uniqExact(comm, pid, host) FROM ior.events"
          + " FORMAT TSV"));

      // The same trace's Parquet file, read by DuckDB: the same rows, field by field.
      String columns = "time_ns, duration_ns, tid, syscall, fd, ret, bytes, file, file2";
      List<String> fromClickHouse = ch.query("SELECT " + columns + " FROM ior.events ORDER BY"
          + " time_ns, syscall FORMAT TSV").lines().toList();
      List<String> fromParquet = new ArrayList<>();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement();
          ResultSet r = st.executeQuery("SELECT " + columns + " FROM read_parquet('"
              + work.resolve("mix.parquet") + "') ORDER BY time_ns, syscall")) {
        while (r.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= 9; i++) {
            String v = r.getString(i);
            b.append(i > 1 ? "\t" : "").append(v == null ? "" : v);
          }
          fromParquet.add(b.toString());
        }
      }
      assertEquals(12_061, fromParquet.size());
      assertEquals(fromClickHouse, fromParquet);
      assertTrue(ior.err().contains("ior: wrote " + work.resolve("mix.parquet") + " (12,061 calls"),
          ior.err());
    }
  }

  @Test
  void serveCountsWhatItSentAndDroppedOnItsMetrics() throws Exception {
    Requirements.requireBpf();
    try (ClickHouseServer ch = ClickHouseServer.create(chDir)) {
      CliProcess ior = new CliProcess("ior", "serve", "-listen", "127.0.0.1:0", "-comm",
          Workload.COMM, "-path", work.toString(), "-clickhouse", ch.url(),
          "-clickhouse-create", "-clickhouse-table", "ior.served", "-clickhouse-delay", "100ms",
          "-clickhouse-retry", "1s");
      try {
        ior.awaitErr("metrics at", 60);
        Matcher m = Pattern.compile("metrics at (http://[0-9.]+:\\d+)/metrics").matcher(ior.err());
        assertTrue(m.find(), ior.err());
        String url = m.group(1);
        runMix(2000);
        // 2,000 rounds of six calls, 20 fsyncs, 40 renames, the unlink: as in the test above.
        Map<String, Long> sent = awaitMetrics(url, c -> c.get("ior_clickhouse_rows_sent_total")
            == 12_061);
        assertEquals(12_061L, sent.get("ior_clickhouse_rows_sent_total"), sent.toString());
        assertEquals("12061\n", ch.query("SELECT count() FROM ior.served FORMAT TSV"));
        assertEquals(0L, dropped(sent), sent.toString());

        ch.stop(); // every call from now on is retried for 1 s, then dropped and counted
        runMix(100);
        Map<String, Long> after = awaitMetrics(url, c -> c.get("ior_calls") != null
            && c.get("ior_clickhouse_rows_sent_total") + dropped(c) == c.get("ior_calls"));
        assertEquals(12_061L, after.get("ior_clickhouse_rows_sent_total"), after.toString());
        assertEquals(after.get("ior_calls") - 12_061, dropped(after), after.toString());
        assertTrue(dropped(after) >= 600, "100 rounds of six calls dropped: " + after);
      } finally {
        ior.signal("TERM");
        ior.waitFor(60);
      }
    }
  }

  private void runMix(int rounds) throws Exception {
    Process w = new ProcessBuilder(Workload.binary().toString(), "mix", Integer.toString(rounds),
        work.toString()).inheritIO().start();
    assertEquals(0, w.waitFor(), "iorwl mix");
  }

  private static long dropped(Map<String, Long> c) {
    return c.entrySet().stream().filter(e -> e.getKey().startsWith("ior_clickhouse_dropped_total"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * ior serve's counters (the ClickHouse ones by name and labels, {@code ior_calls}: every
   * call of {@code ior_syscalls_total} summed) once {@code done} holds, or after 30 s.
   */
  private static Map<String, Long> awaitMetrics(String url,
      Predicate<Map<String, Long>> done) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, Long> c = Map.of();
    for (int i = 0; i < 150; i++) {
      String page = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      c = new TreeMap<>();
      long calls = 0;
      for (String l : page.lines().toList()) {
        boolean ch = l.startsWith("ior_clickhouse_");
        if (ch || l.startsWith("ior_syscalls_total{")) {
          long v = (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
          if (ch) {
            c.put(l.substring(0, l.lastIndexOf(' ')), v);
          } else {
            calls += v;
          }
        }
      }
      c.put("ior_calls", calls);
      if (c.containsKey("ior_clickhouse_rows_sent_total") && done.test(c)) {
        return c;
      }
      Thread.sleep(200);
    }
    return c;
  }
}
