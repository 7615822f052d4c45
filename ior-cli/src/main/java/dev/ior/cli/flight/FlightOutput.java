// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flight;

import dev.ior.cli.UserFiles;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.flight.Firing;
import dev.ior.core.flight.FlightConfig;
import dev.ior.core.flight.FlightDump;
import dev.ior.core.flight.FlightHeader;
import dev.ior.core.flight.FlightRecorder;
import dev.ior.core.flight.FlightStats;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code -flight}: the recorder on the consumer thread, SIGUSR1 as a trigger while the trace
 * runs, each dump announced on stderr as it is written, the counters at the end.
 */
public final class FlightOutput implements TraceOutput {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Signal USR1 = new Signal("USR1");

  private final FlightRecorder recorder;
  private final Path dir;
  private final WallClock clock;
  private final String host;
  private final PrintWriter err;
  private SignalHandler previous;

  FlightOutput(FlightConfig config, Path dir, WallClock clock, String host, PrintWriter err) {
    this.err = err;
    this.dir = dir;
    this.clock = clock;
    this.host = host;
    this.recorder = new FlightRecorder(config, System::nanoTime, new Target());
  }

  /**
   * Fires a dump from any thread (e.g. {@code ior serve}'s {@code POST /flight/trigger}); the
   * after-window and the rate limit apply as to every trigger.
   */
  public void trigger(String kind, String description) {
    recorder.trigger(kind, description);
  }

  /** The recorder's counters (any thread): for the end report and metrics. */
  public FlightStats stats() {
    return recorder.stats();
  }

  @Override
  public PairSink sink() {
    return recorder;
  }

  @Override
  public void started() {
    // The JVM runs signal handlers on a thread of their own: trigger() only sets a field.
    previous = Signal.handle(USR1, sig -> recorder.trigger("signal", "SIGUSR1"));
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) {
    if (previous != null) {
      Signal.handle(USR1, previous);
    }
    recorder.close(); // a dump waiting for its after-window is written now
    FlightStats s = recorder.stats();
    err.printf(Locale.ROOT, "ior: flight recorder: %,d dump%s written%s; %,d calls recorded,"
        + " ring of %,d calls (%s of heap at most)%s%n", s.dumps(), s.dumps() == 1 ? "" : "s",
        s.failedDumps() > 0 ? String.format(Locale.ROOT, ", %,d failed", s.failedDumps()) : "",
        s.recorded(), s.capacity(), mib(s.maxBytes()), suppressed(s));
    err.flush();
    return s.failedDumps() > 0 ? 1 : 0;
  }

  private static String suppressed(FlightStats s) {
    if (s.suppressed() == 0 && s.overwritten() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "; triggers not dumped: %,d rate-limited (-flight-every),"
        + " %,d during a dump; calls overwritten before a dump could copy them: %,d",
        s.rateLimited(), s.busy(), s.overwritten());
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }

  /** Names, heads and announces the dumps (the dump thread calls it). */
  private final class Target implements FlightRecorder.Target {
    @Override
    public Path file(Firing f) {
      long epochNs = clock.epochNs(f.timeNs());
      String base = "ior-flight-" + STAMP.format(Instant.ofEpochSecond(0, epochNs)) + "-"
          + f.kind();
      Path p = dir.resolve(base + ".iorfl");
      for (int i = 2; Files.exists(p); i++) {
        p = dir.resolve(base + "-" + i + ".iorfl");
      }
      return p;
    }

    @Override
    public FlightHeader header(Firing f, long windowNs, long afterNs) {
      return new FlightHeader(clock.epochNs(0), f.timeNs(), windowNs, afterNs, f.pid(), f.tid(),
          f.kind(), f.description(), host);
    }

    @Override
    public void dumped(FlightDump d) {
      PrintWriter w = err; // PrintWriter locks itself; the consumer never writes to it
      w.printf(Locale.ROOT, "ior: flight recorder: wrote %s (%,d calls, %.3f s before to %.3f s"
          + " after the trigger: %s%s; replay with: ior -replay %s)%n", d.file(), d.pairs(),
          d.pairs() == 0 ? 0 : (d.firing().timeNs() - d.fromNs()) / 1e9,
          d.pairs() == 0 ? 0 : (d.toNs() - d.firing().timeNs()) / 1e9,
          d.firing().description(), d.overwritten() == 0 ? ""
              : String.format(Locale.ROOT, "; %,d calls overwritten before they could be"
                  + " copied", d.overwritten()), d.file());
      w.flush();
    }

    @Override
    public void failed(Firing f, IOException e) {
      PrintWriter w = err;
      w.println("ior: flight recorder: cannot write the dump of " + f.description() + ": "
          + UserFiles.message(e));
      w.flush();
    }
  }
}
