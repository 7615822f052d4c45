// SPDX-License-Identifier: Apache-2.0
package dev.ior.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.Errno;
import dev.ior.core.event.PairRecord;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.syscall.SyscallTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet files read back by an independent reader: DuckDB's own (not parquet-java). */
class ParquetPairWriterTest {
  private static final SyscallTable T = SyscallTable.standard();
  private static final long EPOCH = 1_765_000_000_000_000_000L;

  @TempDir Path dir;

  @Test
  void everyFieldReadsBackInDuckDb() throws Exception {
    List<PairRecord> pairs = new ArrayList<>(List.of(
        new PairRecord(T.byName("openat"), 10, 11, "db", 1_000, 3_500, 100, 3, -1,
            "/tmp/a\tb\nc\\d", null, 0x241, 0, "db-wr\u00fcter", 42, 0),
        new PairRecord(T.byName("write"), 10, 11, "db", 4_000, 9_000, 500, 4096, 3,
            "/tmp/\u00fcn\u00ef \uD83D\uDE00", null, 1, 4096, "w", 42, 2),
        new PairRecord(T.byName("rename"), 12, 12, "mv", 10_000, 10_100, 0, -13, -1,
            "/old", "/new", 0, 0, "mv", 0, 0),
        new PairRecord(T.byName("fsync"), 10, 13, "db", 20_000, 2_000_000_020_000L, 0, -5, 3,
            null, null, 1, 0, "db-sync", 42, 0)));
    for (int i = 0; i < 100_000; i++) { // enough for several pages and dictionary use
      pairs.add(new PairRecord(T.byName("pread64"), 20, 21, "scan", 3_000_000_000L + i * 10L,
          3_000_000_000L + i * 10L + 5, 5, 512, 7, "/data/f" + (i % 37), null, 0, 512, "scan",
          0, 0));
    }
    Path file = dir.resolve("io.parquet");
    ParquetPairWriter w = ParquetPairWriter.create(file, new ParquetPairWriter.Options("h1",
        EPOCH, PairLabels.CURRENT, true, 1 << 20));
    pairs.forEach(w::accept);
    assertFalse(Files.exists(file), "appears only when complete");
    w.close();
    assertEquals(pairs.size(), w.rows());

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT host, time_ns, duration_ns, gap_ns, container,"
            + " cgroup_id, comm, pid, tid, thread, syscall, family, fd, file, file2, flags, ret,"
            + " errno, bytes, marks FROM read_parquet('" + file + "') ORDER BY time_ns")) {
      int i = 0;
      while (r.next()) {
        PairRecord p = pairs.get(i);
        String at = "row " + i;
        assertEquals("h1", r.getString(1), at);
        assertEquals(EPOCH + p.enterNs(), r.getLong(2), at);
        assertEquals(p.durationNs(), r.getLong(3), at);
        assertEquals(p.gapNs(), r.getLong(4), at);
        assertEquals(null, r.getString(5), at);
        assertEquals(p.cgroupId(), r.getLong(6), at);
        assertEquals(p.comm(), r.getString(7), at);
        assertEquals(p.pid(), r.getInt(8), at);
        assertEquals(p.tid(), r.getInt(9), at);
        assertEquals(p.thread(), r.getString(10), at);
        assertEquals(p.syscall().name(), r.getString(11), at);
        assertEquals(p.syscall().family(), r.getString(12), at);
        assertEquals(p.fd(), r.getInt(13), at);
        assertEquals(p.file(), r.getString(14), at);
        assertEquals(p.file2(), r.getString(15), at);
        assertEquals(p.flags(), r.getInt(16), at);
        assertEquals(p.ret(), r.getLong(17), at);
        assertEquals(p.ret() < 0 ? Errno.name(p.ret()) : null, r.getString(18), at);
        assertEquals(p.bytes(), r.getLong(19), at);
        assertEquals(p.marks(), r.getInt(20), at);
        i++;
      }
      assertEquals(pairs.size(), i);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('"
            + file + "')")) {
      assertTrue(r.next());
      assertEquals("ZSTD", r.getString(1));
    }
  }
}
