// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flight;

import dev.ior.cli.UserFiles;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.flight.FlightFileReader;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code -replay DUMP.iorfl}: a flight recording's calls into the outputs (flame graph, pprof,
 * timeline, stream...) with the trigger marked; {@code -pid -tid -comm -path} filter as in a
 * live trace. A dump holds pairs, so no pipeline runs: its statistics are the pairs'.
 */
public final class FlightReplay {
  private FlightReplay() {}

  /** Whether {@code file} is a flight recording (else it is taken for a raw recording). */
  public static boolean applies(Path file) {
    return FlightFileReader.isFlightRecording(file);
  }

  /** Epoch ns minus CLOCK_MONOTONIC ns of the recording host. */
  public static long epochOffsetNs(Path file) throws IOException {
    return FlightFileReader.header(file).epochOffsetNs();
  }

  /**
   * Replays {@code file} into {@code outputs} and finishes them.
   *
   * @return the exit code: 0, 1 when the file was damaged (the outputs hold the pairs before the
   *     damage) or an output failed
   */
  public static int replay(Path file, TraceConfig c, List<TraceOutput> outputs, PrintWriter err)
      throws IOException {
    PairSink all = PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new));
    PairFilter filter = new PairFilter(c.comm(), c.path(), c.pid(), c.tid());
    Counting counting = new Counting(all, filter);
    outputs.forEach(TraceOutput::started);
    int rc = 0;
    String what;
    try {
      FlightFileReader.Read r = FlightFileReader.read(file, counting);
      what = String.format(Locale.ROOT, "%s (%s, %,d calls%s)", file, r.header().description(),
          r.pairs(), r.overwritten() == 0 ? "" : String.format(Locale.ROOT,
              "; %,d calls were overwritten before the dump could copy them", r.overwritten()));
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e) + "; every output covers the calls before");
      what = file.toString();
      rc = 1;
    }
    all.finish();
    TraceStats stats = counting.stats();
    err.printf(Locale.ROOT, "ior: replayed flight recording %s: %,d calls shown, %.3f s%n", what,
        stats.calls().emitted(), stats.durationNs() / 1e9);
    for (TraceOutput o : outputs) {
      rc = Math.max(rc, o.finish(stats, err));
    }
    err.flush();
    return rc;
  }

  /** Filters and counts on the way to the outputs. */
  private static final class Counting implements PairSink {
    private final PairSink next;
    private final PairFilter filter;
    private long pairs;
    private long emitted;
    private long failed;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    Counting(PairSink next, PairFilter filter) {
      this.next = next;
      this.filter = filter;
    }

    @Override
    public void accept(SyscallPair p) {
      pairs++;
      first = Math.min(first, p.enterNs());
      last = Math.max(last, p.exitNs());
      if (filter.matches(p)) {
        emitted++;
        if (p.failed()) {
          failed++;
        }
        next.accept(p);
      }
    }

    @Override
    public void mark(long timeNs, int pid, int tid, String label) {
      next.mark(timeNs, pid, tid, label);
    }

    TraceStats stats() {
      return new TraceStats(pairs == 0 ? 0 : last - first, new TraceStats.Records(0, 0, 0),
          new TraceStats.Calls(pairs, emitted, failed, 0, 0, 0, 0), new TraceStats.Bytes(0, 0, 0),
          new TraceStats.Names(0, 0, 0), new TraceStats.Uring(0, 0), Losses.NONE);
    }
  }
}
