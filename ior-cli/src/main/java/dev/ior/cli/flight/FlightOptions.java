// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flight;

import dev.ior.cli.stream.WallClock;
import dev.ior.cli.trace.SizeConverter;
import dev.ior.cli.zeekspy.GoDurationConverter;
import dev.ior.core.flight.FlightConfig;
import dev.ior.core.flight.FlightTrigger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code -flight WINDOW[,MEMORY]} and its triggers: keep the last seconds of calls in memory and
 * dump them when a call is slow, fails with a chosen errno, or on SIGUSR1.
 */
public final class FlightOptions {
  /** Memory of the ring when -flight names none. */
  static final long DEFAULT_BYTES = 128L << 20;

  @Option(names = {"-flight", "--flight"}, paramLabel = "WINDOW[,MEMORY]",
      converter = WindowConverter.class,
      description = "Flight recorder: keep the last WINDOW of calls (e.g. 60s) in at most MEMORY"
          + " of heap (default 128MiB: about 1.5 million calls, " + "88 bytes each) and write"
          + " them to a recording (.iorfl, replay with -replay) when a trigger fires:"
          + " -flight-slow, -flight-errno, or SIGUSR1 (kill -USR1). Replaces the live stream.")
  Window window;

  @Option(names = {"-flight-slow", "--flight-slow"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class,
      description = "Trigger on a call at least this slow, e.g. 500ms (with -flight-syscalls,"
          + " -flight-path: only those).")
  Duration slow;

  @Option(names = {"-flight-syscalls", "--flight-syscalls"}, paramLabel = "NAME", split = ",",
      description = "-flight-slow applies only to these syscalls, e.g. fsync,fdatasync.")
  List<String> slowSyscalls = new ArrayList<>();

  @Option(names = {"-flight-errno", "--flight-errno"}, paramLabel = "ERRNO", split = ",",
      description = "Trigger on a call failing with one of these, e.g. EIO,ENOSPC.")
  List<String> errnos = new ArrayList<>();

  @Option(names = {"-flight-path", "--flight-path"}, paramLabel = "GLOB",
      description = "Triggers fire only for calls on files matching GLOB, e.g. '/data/**'.")
  String pathGlob;

  @Option(names = {"-flight-after", "--flight-after"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class, defaultValue = "5s",
      description = "Keep recording this long after a trigger before dumping (default:"
          + " ${DEFAULT-VALUE}).")
  Duration after;

  @Option(names = {"-flight-every", "--flight-every"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class, defaultValue = "60s",
      description = "At most one dump per DURATION (default: ${DEFAULT-VALUE}); the triggers"
          + " in between are counted.")
  Duration every;

  @Option(names = {"-flight-dir", "--flight-dir"}, paramLabel = "DIR", defaultValue = ".",
      description = "Where dumps go (default: the current directory), named"
          + " ior-flight-TIME-TRIGGER.iorfl.")
  Path dir;

  /** A file in -flight-dir, to check before the trace that dumps can be created there. */
  public Path probeFile() {
    return dir.resolve("ior-flight-probe.iorfl");
  }

  /** Whether -flight was given. */
  public boolean enabled() {
    return window != null;
  }

  /**
   * The recorder's configuration.
   *
   * @throws IllegalArgumentException for a bad errno name or glob (a usage error)
   */
  public FlightConfig config() {
    List<FlightTrigger> triggers = new ArrayList<>();
    if (slow != null) {
      triggers.add(FlightTrigger.slowCall(slow.toNanos(), new HashSet<>(slowSyscalls),
          pathGlob));
    }
    if (!errnos.isEmpty()) {
      List<Integer> numbers = new ArrayList<>();
      for (String e : errnos) {
        numbers.add(FlightTrigger.errno(e));
      }
      triggers.add(FlightTrigger.errnoCall(numbers, pathGlob));
    }
    return new FlightConfig(window.duration.toNanos(), window.bytes, after.toNanos(),
        every.toNanos(), triggers);
  }

  /**
   * Refuses trigger flags without -flight.
   *
   * @throws IllegalArgumentException naming the flag
   */
  public void validate() {
    if (window == null && (slow != null || !errnos.isEmpty() || pathGlob != null
        || !slowSyscalls.isEmpty())) {
      throw new IllegalArgumentException("-flight-slow, -flight-errno, -flight-path and"
          + " -flight-syscalls need -flight WINDOW, e.g. -flight 60s");
    }
    if (!slowSyscalls.isEmpty() && slow == null) {
      throw new IllegalArgumentException("-flight-syscalls needs -flight-slow DURATION");
    }
  }

  /** The output for a trace; its SIGUSR1 handler is installed when the trace starts. */
  public FlightOutput output(WallClock clock, String host, PrintWriter err) {
    return new FlightOutput(config(), dir, clock, host, err);
  }

  /** {@code WINDOW[,MEMORY]}. */
  static final class Window {
    final Duration duration;
    final long bytes;

    Window(Duration duration, long bytes) {
      this.duration = duration;
      this.bytes = bytes;
    }
  }

  /** Parses {@code 60s} or {@code 60s,256MiB}. */
  static final class WindowConverter implements ITypeConverter<Window> {
    @Override
    public Window convert(String value) {
      String[] parts = value.split(",", -1);
      if (parts.length > 2) {
        throw new TypeConversionException("'" + value + "' is not WINDOW[,MEMORY]; e.g. 60s or"
            + " 60s,256MiB");
      }
      Duration d = new GoDurationConverter().convert(parts[0]);
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException("the flight window must be > 0, e.g. 60s");
      }
      long bytes = parts.length == 2 ? new SizeConverter().convert(parts[1]) : DEFAULT_BYTES;
      return new Window(d, bytes);
    }
  }
}
