// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.UserFiles;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.fd.ProcFs;
import dev.ior.core.record.RecordFileReader;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.session.RecordingSource;
import dev.ior.core.session.TraceSession;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -record FILE} and {@code -replay FILE}: keep the raw stream, run it again later. */
public final class RecordOptions {
  @Option(names = {"-record", "--record"}, paramLabel = "FILE",
      description = "Also record the raw event stream to FILE (gzip; .iorrec), to replay it"
          + " later with -replay: every output can then be made from it, without root.")
  Path record;

  @Option(names = {"-replay", "--replay"}, paramLabel = "FILE",
      description = "Replay a recording made with -record instead of tracing (no root):"
          + " -pid, -tid, -comm, -path, -format, -flamegraph, -pprof apply as to a live trace."
          + " Descriptors opened before the recording started stay unknown.")
  Path replay;

  boolean replaying() {
    return replay != null;
  }

  /** The recording output for a live trace, or null when -record was not given. */
  RecordingOutput recordingOutput(WallClock clock) throws IOException {
    return record == null ? null
        : new RecordingOutput(RecordFileWriter.create(record, clock.epochNs(0)), record);
  }

  /**
   * Runs the recording through the pipeline into {@code outputs}, as a live trace would, and
   * prints the statistics.
   */
  int replay(TraceConfig c, List<TraceOutput> outputs, PrintWriter err) throws IOException {
    PairSink sink = PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new));
    outputs.forEach(TraceOutput::started);
    // The same session assembly as a live trace; no kernel filtered this stream, and the
    // recorded processes are gone, so /proc is no fallback.
    RecordingSource source = new RecordingSource(replay,
        SyscallSelection.select(SyscallTable.standard(), c.selection()));
    TraceSession session = TraceSession.start(c, source, false, ProcFs.EMPTY, sink, null);
    session.awaitEnd();
    session.close();
    if (session.failure() instanceof IOException) { // damaged: refused before any record
      err.println("ior: " + UserFiles.message((IOException) session.failure()));
      return 1;
    }
    RecordFileReader.Replay read = source.replayed();
    TraceStats stats = session.stats();
    long duration = stats.durationNs();
    err.print(StatsReport.format(stats, "ior: replayed " + replay + ": "
        + String.format(java.util.Locale.ROOT, "%.1f s of trace", duration / 1e9),
        read.cutShort()));
    if (read.cutShort()) {
      err.printf("ior: %s is %s (a full disk, a killed ior or a copy in progress?): every"
          + " output covers only those%n", replay, read.describe());
    }
    int rc = read.cutShort() ? 1 : 0;
    for (TraceOutput o : outputs) {
      rc = Math.max(rc, o.finish(stats, err));
    }
    err.flush();
    return rc;
  }
}
