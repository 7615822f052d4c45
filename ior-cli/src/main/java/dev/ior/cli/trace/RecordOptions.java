// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.UserFiles;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.StatsReport;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceFailedException;
import dev.ior.core.trace.TraceStream;
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

  /** The replay's flag (and {@link #REPLAY_LONG}): nothing live, IorMain loads no programs. */
  public static final String REPLAY = "-replay";
  /** The replay's long flag. */
  public static final String REPLAY_LONG = "--replay";

  @Option(names = {REPLAY, REPLAY_LONG}, paramLabel = "FILE",
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
   * Runs the recording ({@code stream}, opened on {@link #replay}) into {@code outputs}, as a live
   * trace would, and prints the statistics.
   */
  int replay(TraceStream stream, List<TraceOutput> outputs, PrintWriter err) throws IOException {
    stream.onPair(PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new)));
    outputs.forEach(TraceOutput::started);
    outputs.forEach(o -> o.attached(stream)); // the recording's syscalls, selected once
    Throwable failure = null;
    try {
      stream.start(); // to the recording's end
    } catch (TraceFailedException e) {
      if (e.getCause() instanceof IOException) { // damaged: refused before any record
        err.println("ior: " + UserFiles.message((IOException) e.getCause()));
        return 1;
      }
      failure = e.getCause(); // an output failed: what it has is still finished below
    } catch (TraceException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while replaying");
    } finally {
      stream.close();
    }
    String incomplete = stream.incomplete();
    TraceStats stats = stream.stats();
    err.print(StatsReport.format(stats, "ior: replayed " + replay + ": "
        + String.format(java.util.Locale.ROOT, "%.1f s of trace", stats.durationNs() / 1e9),
        incomplete != null));
    if (incomplete != null) {
      err.printf("ior: %s is %s (a full disk, a killed ior or a copy in progress?): every"
          + " output covers only those%n", replay, incomplete);
    }
    int rc = incomplete != null ? 1 : 0;
    for (TraceOutput o : outputs) {
      rc = Math.max(rc, o.finish(stats, err));
    }
    if (failure != null && !TraceRun.isBrokenPipe(failure)) {
      err.println("ior: stopped early: " + (failure instanceof java.io.UncheckedIOException u
          ? UserFiles.message(u.getCause()) : "internal error: " + failure));
      rc = 1;
    }
    err.flush();
    return rc;
  }
}
