// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.ClickHouseServer;
import dev.ior.testdata.Workload;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -clickhouse} on the real kernel into a real ClickHouse (started here on loopback):
 * the exact calls of {@code iorwl mix} are in the table, with their bytes and files; the same
 * trace's {@code -parquet} file, read by DuckDB, holds the same rows.
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
}
