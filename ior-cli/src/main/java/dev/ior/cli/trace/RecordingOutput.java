// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.UserFiles;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code -record}: the raw records go to the writer before the pipeline sees them (the session
 * taps them); finishing closes the file, so Ctrl+C still leaves a complete recording.
 */
final class RecordingOutput implements TraceOutput {
  private final RecordFileWriter writer;
  private final Path file;

  RecordingOutput(RecordFileWriter writer, Path file) {
    this.writer = writer;
    this.file = file;
  }

  RecordFileWriter writer() {
    return writer;
  }

  @Override
  public PairSink sink() {
    return pair -> { }; // records, not pairs, are what this output keeps
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) throws IOException {
    try {
      writer.close();
    } catch (IOException e) { // the writer kept what reached the disk under the final name
      err.printf("ior: cannot finish %s: %s; it is kept, cut short (-replay reads the records it"
          + " holds)%n", file, UserFiles.reason(e.getCause() != null ? e.getCause() : e));
      return 1;
    }
    err.printf("ior: wrote %s (%,d records; replay with: ior -replay %s)%n", file,
        writer.records(), file);
    return 0;
  }
}
