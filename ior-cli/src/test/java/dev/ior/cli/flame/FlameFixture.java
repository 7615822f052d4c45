// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Test helper: .ior files with known rows and an in-process {@code ior} with captured output. */
final class FlameFixture {

  static final TraceStats STATS = new TraceStats(3_000_000_000L, new TraceStats.Records(40, 20, 20),
        new TraceStats.Calls(20, 18, 1, 0, 0, 0, 0), new TraceStats.Bytes(300, 500, 0),
        new TraceStats.Names(0, 0, 0), new TraceStats.Uring(0, 0), Losses.NONE);

  private FlameFixture() {}

  /** Rows of a small run: postgres reads and writes, curl opens. */
  static List<AggregateRow> rows() {
    return List.of(
        new AggregateRow("/db/t1", "pread64", "postgres", 10, 11, 02, 3, 3000, 300, 300),
        new AggregateRow("/db/t1", "pwrite64", "postgres", 10, 12, 02, 5, 10000, 50, 500),
        new AggregateRow("/etc/hosts", "openat", "curl", 20, 20, 02000000, 1, 7000, 0, 0),
        new AggregateRow("/db/t2", "fsync", "postgres", 10, 11, 02, 9, 90000, 9, 0));
  }

  /** Writes {@code rows} as a .ior file. */
  static Path write(Path file, List<AggregateRow> rows) throws IOException {
    RunInfo run = new RunInfo("testhost", 1_764_140_700_000_000_000L, 3_000_000_000L, "test",
        RunFilters.none(), STATS, List.of("-flamegraph"));
    IorFileWriter.write(file, new IorData(run, rows));
    return file;
  }
}
