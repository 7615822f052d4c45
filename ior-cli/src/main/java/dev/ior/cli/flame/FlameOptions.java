// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.projection.Projection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import dev.ior.cli.UserFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import java.util.function.LongFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flame-graph and profile options of {@code ior} (a picocli mixin): ior's single-dash flags
 * {@code -flamegraph -pprof -name -ior -fields -count -flamegraphTool} plus {@code -from-pprof}
 * and {@code -diff}, each with a {@code --long} spelling.
 *
 * <pre>{@code
 * @Mixin FlameOptions flame;
 * ...
 * if (flame.offline()) return flame.runOffline(err);
 * }</pre>
 */
public final class FlameOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-flamegraph", "--flamegraph"},
      description = "Aggregate instead of streaming; at the end (also on Ctrl+C) write NAME.ior"
          + " (the data, for re-projection with -ior), NAME.collapsed and NAME.svg.")
  boolean flamegraph;

  @Option(names = {"-pprof", "--pprof"},
      description = "Aggregate instead of streaming and write NAME.pb.gz, a gzipped pprof profile"
          + " of the traced I/O (sample types count, duration and durationToPrev in ns, bytes)."
          + " The original ior's -pprof profiled ior itself; this one profiles the traced"
          + " programs.")
  boolean pprof;

  @Option(names = {"-name", "--name"}, paramLabel = "NAME",
      description = "Base name of the output files (default: ior-HOST-YYYYMMDD-HHMMSS for a"
          + " trace, the input's name for conversions).")
  String name;

  @Option(names = {"-fields", "--fields"}, paramLabel = "F,F,...",
      description = "Frames of the flame graph, root first, from: path, comm, tracepoint, pid,"
          + " tid, flags (default: comm,path,tracepoint).")
  String fields;

  @Option(names = {"-count", "--count"}, paramLabel = "COUNT",
      description = "What sizes the frames: count, duration, durationToPrev or bytes (default:"
          + " count).")
  String count;

  @Option(names = {"-flamegraphTool", "--flamegraph-tool"}, paramLabel = "CMD",
      description = "Render the SVG with an external tool instead, e.g. 'flamegraph.pl --hash'"
          + " or inferno-flamegraph: runs CMD NAME.collapsed > NAME.svg.")
  String tool;

  /** The conversions that need no trace; picocli refuses more than one of them. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Conversion conversion;

  /** {@code -ior}, {@code -from-pprof} or {@code -diff}. */
  static final class Conversion {
    @Option(names = {"-ior", "--ior"}, paramLabel = "FILE",
        description = "Re-project a .ior data file offline (no root): write"
            + " FILE-FIELDS-by-COUNT.collapsed and .svg (and .pb.gz with -pprof).")
    Path ior;

    @Option(names = {"-from-pprof", "--from-pprof"}, paramLabel = "FILE",
        description = "Render any pprof profile (ours or another tool's) as NAME.collapsed and"
            + " NAME.svg (no root).")
    Path fromPprof;

    @Option(names = {"-diff", "--diff"}, arity = "2", paramLabel = "FILE",
        description = "Differential flame graph of two .ior, collapsed or pprof files, BEFORE"
            + " AFTER: red grew, blue shrank (no root).")
    List<Path> diff;
  }

  @Option(names = {"-normalize", "--normalize"},
      description = "With -diff: scale BEFORE to AFTER's total first.")
  boolean normalize;

  /** Whether the trace aggregates ({@code -flamegraph} or {@code -pprof}) instead of streaming. */
  public boolean aggregates() {
    return flamegraph || pprof;
  }

  /** Whether this is a conversion that needs no trace ({@code -ior}, {@code -from-pprof}, diff). */
  public boolean offline() {
    return conversion != null;
  }

  /** The projection of {@code -fields} and {@code -count}; a usage error when either is bad. */
  public Projection projection() {
    try {
      return Projection.parse(fields == null ? "comm,path,tracepoint" : fields,
          count == null ? "count" : count);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  /**
   * The aggregating output of a live trace with {@code config}; {@code cgroupPaths} turns the
   * cgroup ids of the rows into paths when the files are written.
   */
  public TraceOutput output(TraceConfig config, LongFunction<String> cgroupPaths) {
    return new FlameOutput(config, projection(), name, flamegraph, pprof, toolCommand(),
        Clock.systemDefaultZone(), RunNames.hostName(), originalArgs(), cgroupPaths);
  }

  /** Runs the conversion asked for; returns the exit code. */
  public int runOffline(PrintWriter err) {
    Conversion c = conversion;
    List<Path> inputs = c.diff != null ? c.diff : List.of(c.ior != null ? c.ior : c.fromPprof);
    for (Path in : inputs) {
      Optional<String> problem = UserFiles.inputProblem(in);
      if (problem.isPresent()) {
        err.println("ior: " + problem.get());
        return 2;
      }
    }
    Offline offline = new Offline(err, projection(), name, toolCommand(), flamegraph, pprof);
    try {
      if (c.diff != null) {
        return offline.diff(c.diff.get(0), c.diff.get(1), normalize);
      }
      return c.ior != null ? offline.reproject(c.ior) : offline.fromPprof(c.fromPprof, count);
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e));
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
  }

  /**
   * The files a trace will write, for checking before it starts; without {@code -name} the
   * default name is stamped with the time the trace starts, so only its directory (the working
   * directory) is certain.
   */
  public List<Path> plannedOutputs() {
    String b = name != null ? name
        : RunNames.traceName(RunNames.hostName(), Instant.now(), ZoneId.systemDefault());
    List<Path> files = new ArrayList<>();
    if (flamegraph) {
      files.addAll(List.of(Path.of(b + ".ior"), Path.of(b + ".collapsed"), Path.of(b + ".svg")));
    }
    if (pprof) {
      files.add(Path.of(b + ".pb.gz"));
    }
    return files;
  }

  private List<String> toolCommand() {
    return tool == null || tool.isBlank() ? List.of() : Arrays.asList(tool.trim().split("\\s+"));
  }

  private List<String> originalArgs() {
    return mixee.commandLine().getParseResult() == null ? List.of()
        : mixee.commandLine().getParseResult().originalArgs();
  }
}
