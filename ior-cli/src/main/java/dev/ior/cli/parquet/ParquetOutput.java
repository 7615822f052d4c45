// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.parquet;

import dev.ior.cli.UserFiles;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.parquet.ParquetPairWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code -parquet}: rows on the consumer thread; the file is completed when the trace ends. */
final class ParquetOutput implements TraceOutput {
  private final ParquetPairWriter writer;
  private final Path file;

  ParquetOutput(ParquetPairWriter writer, Path file) {
    this.writer = writer;
    this.file = file;
  }

  @Override
  public PairSink sink() {
    return writer;
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) {
    try {
      writer.close();
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e) + (writer.notWritten() > 0 ? String.format(
          Locale.ROOT, " (%,d calls were not written)", writer.notWritten()) : ""));
      return 1;
    }
    err.printf(Locale.ROOT, "ior: wrote %s (%,d calls; e.g. duckdb -c \"SELECT syscall, count(*)"
        + " FROM '%s' GROUP BY 1\")%n", file, writer.rows(), file);
    return 0;
  }
}
