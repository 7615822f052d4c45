// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.core.trace.TraceStream;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.aggregate.AggregatingSink;
import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.projection.Projection;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * {@code ior -flamegraph} and {@code ior -pprof}: aggregates pairs instead of streaming them and,
 * after the trace stopped (also on Ctrl+C), writes the {@code .ior} data file, the folded stacks
 * and SVG of the chosen projection and/or the pprof profile.
 *
 * <pre>{@code
 * TraceOutput o = new FlameOutput(config, Projection.defaults(), "db", true, false, List.of(),
 *     clock, "earth", List.of("-flamegraph"), id -> resolver.lookup(id).pathOrId());
 * }</pre>
 */
public final class FlameOutput implements TraceOutput {
  private final AggregatingSink sink = new AggregatingSink();
  private final TraceConfig config;
  private final Projection projection;
  private final String name;
  private final boolean flameGraph;
  private final boolean pprof;
  private final List<String> tool;
  private final Clock clock;
  private final String host;
  private final List<String> args;
  private final LongFunction<String> cgroupPaths;
  private Instant start;

  /**
   * An output for a trace with {@code config}.
   *
   * @param name base name of the files, null for {@code ior-<host>-<yyyymmdd-hhmmss>}
   * @param tool external renderer command, empty to render the SVG ourselves
   * @param cgroupPaths cgroup id to path, for the rows' cgroup column (may wait briefly)
   */
  public FlameOutput(TraceConfig config, Projection projection, String name, boolean flameGraph,
      boolean pprof, List<String> tool, Clock clock, String host, List<String> args,
      LongFunction<String> cgroupPaths) {
    this.config = config;
    this.projection = projection;
    this.name = name;
    this.flameGraph = flameGraph;
    this.pprof = pprof;
    this.tool = List.copyOf(tool);
    this.clock = clock;
    this.host = host;
    this.args = List.copyOf(args);
    this.cgroupPaths = cgroupPaths;
  }

  /** Like the above, with cgroups known only by their ids ({@code #<id>}). */
  public FlameOutput(TraceConfig config, Projection projection, String name, boolean flameGraph,
      boolean pprof, List<String> tool, Clock clock, String host, List<String> args) {
    this(config, projection, name, flameGraph, pprof, tool, clock, host, args,
        CgroupInfo::idLabel);
  }

  @Override
  public PairSink sink() {
    return sink;
  }

  @Override
  public void warmUp() {
    SyntheticStream.warmUp(SyscallTable.standard(), new AggregatingSink(), 1);
  }

  /** What the kernel really traces (selected and on this arch); -1 for a replay. */
  private int attachedSyscalls = -1;

  @Override
  public void attached(TraceStream stream) {
    attachedSyscalls = stream.attached().size();
  }

  @Override
  public void started() {
    start = clock.instant();
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) throws IOException {
    Instant begun = start == null ? clock.instant() : start;
    String base = name != null ? name : RunNames.traceName(host, begun, clock.getZone());
    int attached = attachedSyscalls >= 0 ? attachedSyscalls
        : SyscallSelection.select(SyscallTable.standard(), config.selection()).size();
    long startNs = begun.getEpochSecond() * 1_000_000_000L + begun.getNano();
    RunInfo run = new RunInfo(host, startNs, stats.durationNs(), version(),
        RunFilters.of(config, attached), stats, args);
    IorData data = new IorData(run, sink.table().rows(cgroupPaths));
    int rc = 0;
    if (flameGraph) {
      Path file = Path.of(base + ".ior");
      try {
        IorFileWriter.write(file, data);
        err.printf(Locale.ROOT, "ior: wrote %s (%,d rows, %,d calls; re-project with"
            + " ior -ior %s -fields ... -count ...)%n", file, data.rows().size(),
            sink.table().totalCount(), file);
      } catch (IOException e) {
        err.println("ior: " + e.getMessage()); // the other files are still written
        rc = 1;
      }
    }
    return Math.max(rc, Offline.render(err, data, projection,
        new RenderSettings(base, flameGraph, pprof, tool)));
  }

  private static String version() {
    String v = FlameOutput.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
