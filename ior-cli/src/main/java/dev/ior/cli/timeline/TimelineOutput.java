// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.timeline;

import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.timeline.ChromeTraceWriter;
import dev.ior.core.timeline.SpeedscopeWriter;
import dev.ior.core.timeline.Timeline;
import dev.ior.core.timeline.TimelineMeta;
import dev.ior.core.timeline.TimelineSink;
import dev.ior.flamegraph.io.OutputFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code -timeline} and {@code -speedscope}: keeps the calls of the trace and, when it ends
 * (also on Ctrl+C), writes the timeline files, each on its own through the atomic writer.
 *
 * <pre>{@code
 * TraceOutput o = new TimelineOutput(Path.of("t.json"), null, 1_000_000, offsetNs, "earth");
 * }</pre>
 */
final class TimelineOutput implements TraceOutput {
  private final Path chrome;
  private final Path speedscope;
  private final int maxEvents;
  private final long epochOffsetNs;
  private final String host;
  private final TimelineSink sink;

  TimelineOutput(Path chrome, Path speedscope, int maxEvents, long epochOffsetNs, String host) {
    this.chrome = chrome;
    this.speedscope = speedscope;
    this.maxEvents = maxEvents;
    this.epochOffsetNs = epochOffsetNs;
    this.host = host;
    this.sink = new TimelineSink(maxEvents);
  }

  @Override
  public PairSink sink() {
    return sink;
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) {
    Timeline t = sink.timeline();
    TimelineMeta meta = new TimelineMeta("ior trace of " + host, host, epochOffsetNs);
    OutputFiles files = new OutputFiles();
    if (chrome != null) {
      files.add(chrome, out -> {
        ChromeTraceWriter.write(t, meta, out);
        return null;
      });
    }
    if (speedscope != null) {
      files.add(speedscope, out -> {
        SpeedscopeWriter.write(t, meta, out);
        return null;
      });
    }
    int rc = 0;
    for (OutputFiles.Result r : files.writeAll()) {
      if (!r.ok()) {
        err.println("ior: " + r.message());
        rc = 1;
      } else {
        err.printf(Locale.ROOT, "ior: wrote %s (%,d calls on %,d threads%s)%n", r.file(),
            t.size(), t.threads().size(), leftOut(t));
      }
    }
    err.flush();
    return rc;
  }

  private String leftOut(Timeline t) {
    return t.leftOut() == 0 ? "" : String.format(Locale.ROOT, "; the %,d fastest of %,d calls"
        + " left out, see -timeline-max-events (now %,d)", t.leftOut(), t.seen(), maxEvents);
  }
}
