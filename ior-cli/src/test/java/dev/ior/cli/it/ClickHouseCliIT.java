// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.ClickHouseServer;
import dev.ior.testdata.Workload;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -clickhouse} on the real kernel into a real ClickHouse (started here on loopback):
 * the exact calls of {@code iorwl mix} are in the table, with their bytes and files.
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
          "-clickhouse-table", "ior.events");
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
    }
  }
}
