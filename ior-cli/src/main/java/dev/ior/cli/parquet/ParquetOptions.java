// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.parquet;

import dev.ior.cli.UserFiles;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.metrics.PairLabels;
import dev.ior.parquet.ParquetPairWriter;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -parquet FILE}: every call as a row of a Parquet file (also from -replay). */
public final class ParquetOptions {
  @Option(names = {"-parquet", "--parquet"}, paramLabel = "FILE",
      description = "Write every call as a row of a Parquet file (ZSTD; schema in"
          + " docs/formats.md) for DuckDB, pandas or Spark; with -replay, converts a recording"
          + " or a flight dump.")
  Path file;

  /** Whether -parquet was given. */
  public boolean enabled() {
    return file != null;
  }

  /** The file, for the check that it can be created before the trace. */
  public Path file() {
    return file;
  }

  /**
   * The output; its file appears when the trace ends.
   *
   * @throws IOException saying why the file cannot be started
   */
  public TraceOutput output(WallClock clock, String host, PairLabels labels) throws IOException {
    try {
      return new ParquetOutput(ParquetPairWriter.create(file, new ParquetPairWriter.Options(host,
          clock.epochNs(0), labels, true, 16L << 20)), file);
    } catch (IOException e) {
      throw new IOException("cannot write " + UserFiles.describe(file, e), e);
    }
  }
}
