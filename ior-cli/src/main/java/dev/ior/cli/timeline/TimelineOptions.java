// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.timeline;

import dev.ior.cli.stream.WallClock;
import dev.ior.cli.trace.TraceOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The timeline options of {@code ior} (a picocli mixin): {@code -timeline FILE} (Chrome trace
 * event format), {@code -speedscope FILE} and {@code -timeline-max-events N}.
 *
 * <pre>{@code
 * @Mixin TimelineOptions timeline;
 * ...
 * if (timeline.enabled()) outputs.add(timeline.output(clock, host));
 * }</pre>
 */
public final class TimelineOptions {
  /** The default limit: a file of about 200 MB that Perfetto and speedscope still open. */
  public static final int DEFAULT_MAX_EVENTS = 1_000_000;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-timeline", "--timeline"}, paramLabel = "FILE",
      description = "Instead of streaming, write a per-thread timeline of every call to FILE"
          + " in the Chrome trace event format: open it in ui.perfetto.dev, chrome://tracing or"
          + " speedscope (one track per thread, a slice per syscall with file, fd, return"
          + " value, bytes and errno; exec/fork/exit; bytes/s per process).")
  Path timeline;

  @Option(names = {"-speedscope", "--speedscope"}, paramLabel = "FILE",
      description = "Instead of streaming, write the same timeline in speedscope's own format"
          + " (an evented profile per thread, syscalls as frames).")
  Path speedscope;

  @Option(names = {"-timeline-max-events", "--timeline-max-events"}, paramLabel = "N",
      description = "Keep only the N slowest calls in the timeline (default: ${DEFAULT-VALUE};"
          + " 0 keeps all); how many were left out is printed and kept in the file.")
  int maxEvents = DEFAULT_MAX_EVENTS;

  /** The files this output will write (checked before a trace starts). */
  public List<Path> plannedOutputs() {
    List<Path> files = new ArrayList<>();
    if (timeline != null) {
      files.add(timeline);
    }
    if (speedscope != null) {
      files.add(speedscope);
    }
    return files;
  }

  /** Whether a timeline file was asked for. */
  public boolean enabled() {
    return timeline != null || speedscope != null;
  }

  /**
   * The timeline output; times are printed with {@code clock} (the recording's for a replay).
   *
   * @throws ParameterException for a negative limit
   */
  public TraceOutput output(WallClock clock, String host) {
    if (maxEvents < 0) {
      throw new ParameterException(mixee.commandLine(),
          "-timeline-max-events must be >= 0 (0 keeps every call)");
    }
    return new TimelineOutput(timeline, speedscope, maxEvents, clock.epochNs(0), host);
  }
}
