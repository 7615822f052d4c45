// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.FlagValues;
import dev.ior.cli.tui.EarlyScreen;
import dev.ior.core.projection.Field;
import dev.ior.core.stack.StackPolicy;
import dev.ior.bpf.load.Preflight;
import dev.ior.cli.flame.FlameOptions;
import dev.ior.cli.clickhouse.ClickHouseOptions;
import dev.ior.cli.flame.RunNames;
import dev.ior.cli.flight.FlightOptions;
import dev.ior.cli.flight.FlightReplay;
import dev.ior.cli.parquet.ParquetOptions;
import dev.ior.cli.run.TracedCommand;
import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.timeline.TimelineOptions;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.cgroup.CgroupResolver;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.trace.LivePreparation;
import dev.ior.core.trace.NoSuchTargetException;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceStream;
import dev.ior.core.metrics.PairLabels;
import dev.ior.cli.UserFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ior}: trace file-I/O syscalls with eBPF and stream them, paired, with their files. */
@Command(
    name = "ior",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Traces file-I/O syscalls (open, read, write, fsync, rename and more) of the"
          + " processes you choose with eBPF, pairs each call's enter and exit, knows the file"
          + " behind every descriptor, and prints one line per call on stdout.",
      "Needs root (or CAP_BPF and CAP_PERFMON) and Linux " + Preflight.MIN_KERNEL + "+ with BTF. Diagnostics and the final"
          + " statistics go to stderr; Ctrl+C or SIGTERM stop cleanly.",
      "With -- COMMAND, ior starts COMMAND (under sudo as the user who ran sudo) and traces it"
          + " and everything it starts until it exits; Ctrl+C goes to COMMAND, and ior exits"
          + " with COMMAND's status."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sudo ior -o make.csv -plain -- make -j4     make and all it starts, as you",
      "  sudo ior -pid 4242 -follow                  a process and its future children",
      "  sudo ior -cgroup /system.slice/ssh.service  one cgroup v2 and below",
      "  sudo ior -container 3f2a1b -format json     one container (id prefix)",
      "  sudo ior -flamegraph -fields container      flame graph by container",
      "  sudo ior -comm postgres -duration 30        what postgres does to files, 30 s",
      "  sudo ior -pid 4242 -path /var/lib/mysql      one process, one directory",
      "  sudo ior -syscalls fsync,fdatasync -plain    sync calls as CSV",
      "  sudo ior -families net,fs -comm nginx        network and file syscalls",
      "  sudo ior -format json -duration 5 | jq .file JSON lines for scripts",
      "  sudo ior -tui -comm postgres                 live dashboard (? keys, q quits)",
      "  sudo ior -flamegraph -comm java -duration 30 NAME.ior/.collapsed/.svg",
      "  sudo ior -pprof -pid 4242 -name db           db.pb.gz for go tool pprof",
      "  sudo ior -pprof -fields stack,tracepoint,path -count duration -comm java",
      "                                              which code paths did the slow I/O",
      "  ior -ior NAME.ior -fields pid,path -count duration   re-project, no root",
      "  ior collapsed NAME.ior | flamegraph.pl > io.svg      folded stacks",
      "  ior -diff before.ior after.ior -name change  red grew, blue shrank",
      "  sudo ior -comm java -timeline t.json         per-thread timeline (Perfetto)",
      "  sudo ior serve -comm postgres                Prometheus exporter, port 9464",
      "  sudo ior -comm nginx -record ng.iorrec       keep the raw stream...",
      "  ior -replay ng.iorrec -path /var/log -plain  ...and use it later, no root",
      "  sudo ior -comm pg -flight 60s,256MiB -flight-slow 1s -flight-syscalls fsync",
      "                                              last 60 s dumped on a slow fsync",
      "  sudo ior -clickhouse http://ch:8123 -clickhouse-create   every call into ClickHouse",
      "  ior -replay ng.iorrec -parquet ng.parquet    a recording as Parquet (DuckDB, pandas)",
      "",
      "ior format columns: durationToPrevNs (gap since the thread's previous syscall),"
          + " durationNs (latency), comm@pid.tid, syscall=>return value, file"
          + " ('old -> new' for renames and transfers).",
      "",
      "Exit status: 0 done (also when -duration ends it or the traced -pid exits; with"
          + " -- COMMAND: COMMAND's status, 128+N when signal N killed it);"
          + " 1 an input was damaged or an output could not be written (the others were);"
          + " 2 nothing started: a bad or conflicting flag, a missing input, an output that"
          + " cannot be created or written at all (-o /dev/full), no privileges; 130, 143, 129 stopped by Ctrl+C, SIGTERM,"
          + " SIGHUP, every output written; 70 an internal error (a bug: please report the"
          + " stack trace)."
    })
public final class IorCommand implements Callable<Integer> {
  /** A live start begun while the arguments were parsed, or null. */
  private final LivePreparation live;
  private final EarlyScreen early;

  @Spec CommandSpec spec;

  @Mixin TraceFilters filters;

  @Option(names = {"-duration", "--duration"}, paramLabel = "SECONDS", defaultValue = "60",
      description = "Stop after this many seconds (default: ${DEFAULT-VALUE}; 0 = until Ctrl+C;"
          + " with -- COMMAND: until it exits).")
  int duration;

  @Option(names = {"-stacks", "--stacks"}, paramLabel = "POLICY",
      description = "Which calls get their user stack (native and Java frames) for the stack"
          + " field of -fields and the JSON stream: off, all, sample:N (every Nth call of a"
          + " thread), slow:DURATION (calls that took at least that long, e.g. slow:1ms) or"
          + " sample:N,slow:DURATION. Counts, bytes and latency stay exact: calls without a"
          + " stack show as [no stack]. Default: sample:64,slow:1ms when -fields has stack, else"
          + " off.")
  String stacks;

  /** The -stacks policy, the default derived from -fields. */
  StackPolicy stackPolicy() {
    if (stacks != null) {
      return StackPolicy.parse(stacks);
    }
    return flame.projection().fields().contains(Field.STACK) ? StackPolicy.DEFAULT
        : StackPolicy.OFF;
  }

  /** One stream format: picocli refuses -plain together with -format. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  StreamFormatOptions streamFormat;

  /** {@code -plain} or {@code -format}. */
  static final class StreamFormatOptions {
    @Option(names = {"-plain", "--plain"},
        description = "Print RFC 4180 CSV with a header instead of ior's line format (the same as"
            + " -format csv).")
    boolean plain;

    @Option(names = {"-format", "--format"}, paramLabel = "ior|csv|json",
        description = "Stream format: ior (default), csv (same as -plain) or json (one object per"
            + " line).")
    String format;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the event stream to FILE instead of stdout (e.g. to keep it apart"
          + " from a traced COMMAND's output).")
  Path output;

  /** The dashboard's flag (and {@link #TUI_LONG}): IorMain loads nothing beside its start. */
  public static final String TUI = "-tui";
  /** The dashboard's long flag. */
  public static final String TUI_LONG = "--tui";

  @Option(names = {TUI, TUI_LONG},
      description = "Show a live terminal dashboard instead of the stream (press ? in it for the"
          + " keys); runs until q unless -duration is given. Without -pid or -comm it first"
          + " offers a target picker. Not a terminal: a plain table every second.")
  boolean tui;

  @Mixin FlameOptions flame;

  @Mixin RecordOptions recording;

  @Mixin TimelineOptions timeline;

  @Mixin CommandOptions command;

  @Mixin FlightOptions flight;

  @Mixin ClickHouseOptions clickhouse;

  @Mixin ParquetOptions parquet;

  @Mixin dev.ior.cli.InputLimitOptions inputLimits;

  /** Maps kernel timestamps to wall-clock time: now's offset, or a recording's. */
  private WallClock clock = WallClock.now();

  /**
   * The command, starting its live trace from {@code live} when given.
   *
   * @param live a live start begun before parsing ({@code TraceStream.prepareLive}), or null
   */
  public IorCommand(LivePreparation live) {
    this(live, null);
  }

  /**
   * The command, starting its live trace from {@code live} when given, its dashboard in {@code
   * early} when given.
   *
   * @param live a live start begun before parsing ({@code TraceStream.prepareLive}), or null
   * @param early the dashboard's first frame, shown before parsing, or null
   */
  public IorCommand(LivePreparation live, EarlyScreen early) {
    this.live = live;
    this.early = early;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    FlagRules.check(spec.commandLine());
    try {
      filters.cgroups().validate();
      inputLimits.apply();
    } catch (IllegalArgumentException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
    if (flame.offline()) {
      return flame.runOffline(err); // conversions: no trace, no root
    }
    StreamFormat fmt = streamFormat();
    TraceConfig config = config(0);
    flame.projection(); // a bad -fields or -count is a usage error before anything starts
    StackPolicy stackPolicy;
    try {
      stackPolicy = stackPolicy();
    } catch (IllegalArgumentException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
    if (recording.replaying()) {
      return replay(config, fmt, err);
    }
    Optional<CgroupResolver> resolver = Optional.empty();
    try {
      TraceStream stream;
      try {
        // Fail fast, before anything reaches stdout: target, selection, privileges, kernel.
        resolver = CgroupOptions.openResolver();
        config = config(filters.cgroups().cgroupId(resolver));
        stream = TraceStream.live(config).stacks(stackPolicy).prepared(live);
        Preflight.check();
        clock = new WallClock(stream.epochOffsetNs());
      } catch (NoSuchTargetException e) {
        err.println("ior: " + TraceFilters.noSuchTarget(e));
        return 2;
      } catch (IllegalArgumentException | TraceException e) {
        err.println("ior: " + e.getMessage());
        return 2;
      }
      // Every output must be creatable now, not after a trace of -duration seconds.
      if (!outputsCreatable(plannedOutputs(), err)) {
        return 2;
      }
      return trace(stream, fmt, CgroupOptions.lookup(resolver), err);
    } finally {
      resolver.ifPresent(CgroupResolver::close);
    }
  }

  /** A live trace: the command if any, the outputs, the stream, until the end. */
  private int trace(TraceStream stream, StreamFormat fmt, CgroupLookup cgroupLookup,
      PrintWriter err) throws IOException, InterruptedException {
    TracedCommand cmd = null;
    if (command.given()) {
      try {
        cmd = command.start(); // held until the trace runs; the stream follows and releases it
      } catch (TracedCommand.CommandNotFoundException e) {
        err.println("ior: " + e.getMessage());
        return 127; // as a shell says it
      } catch (TracedCommand.CommandNotExecutableException e) {
        err.println("ior: " + e.getMessage());
        return 126; // as a shell, env, timeout and strace say it
      } catch (IOException | IllegalArgumentException e) { // IAE: a -user that is no user
        err.println("ior: " + e.getMessage());
        return 2;
      }
      stream.command(cmd);
    }
    stream.duration(Duration.ofSeconds(duration));
    int rc = 2;
    boolean started = false;
    List<TraceOutput> outputs = new ArrayList<>();
    RecordingOutput recorder = null;
    try {
      outputs.addAll(outputs(fmt, stream.config(), cgroupLookup,
          CgroupOptions.paths(cgroupLookup)));
      for (TraceOutput o : outputs) {
        if (o instanceof TuiOutput t) {
          err = t.messages(err);
        }
      }
      try {
        recorder = recording.recordingOutput(new WallClock(stream.epochOffsetNs()));
      } catch (IOException e) {
        throw new IOException("cannot record: " + UserFiles.describe(recording.record, e), e);
      }
      if (recorder != null) {
        outputs.add(recorder);
      }
      started = TraceRun.start(stream, outputs, recorder, err,
          s -> filters.cgroups().sink(s, cgroupLookup));
    } catch (IOException e) {
      err.println("ior: " + e.getMessage());
    } catch (UncheckedIOException e) { // the stream's header could not be written
      if (recorder != null) {
        recorder.writer().abort();
      }
      boolean brokenPipe = TraceRun.isBrokenPipe(e); // `ior | head` whose head has gone
      rc = brokenPipe ? 0 : 2; // nothing started: the output took not even its first line
      if (!brokenPipe) {
        err.println("ior: " + UserFiles.message(e.getCause()) + "; nothing was traced");
      }
    }
    if (!started) {
      if (cmd != null) {
        cmd.killIfHeld();
      }
      return rc;
    }
    announce(stream, cmd, err);
    rc = new TraceRun(stream, outputs, err, cmd).run();
    filters.cgroups().report(err);
    err.flush();
    return rc;
  }

  private void announce(TraceStream stream, TracedCommand cmd, PrintWriter err) {
    String what = cmd == null ? filters.describe()
        : " of " + cmd.name() + " (pid " + cmd.pid() + ") and all it starts";
    // Concatenated: a cold Formatter (printf) took 15-40 ms of the start, between the attach
    // and this line.
    err.print("ior: tracing " + stream.attached().size() + " syscalls"
        + (duration > 0 ? " for " + duration + " s" : "") + what
        + (cmd != null ? " (until it exits)" : " (Ctrl+C to stop)") + System.lineSeparator());
    err.flush();
  }

  /** The files this run will write: -flamegraph/-pprof, -o, -record, -timeline... files. */
  private List<Path> plannedOutputs() {
    List<Path> files = new ArrayList<>(flame.plannedOutputs());
    if (output != null) {
      files.add(output);
    }
    if (recording.record != null && !recording.replaying()) {
      files.add(recording.record);
    }
    files.addAll(timeline.plannedOutputs());
    if (flight.enabled()) {
      files.add(flight.probeFile());
    }
    if (parquet.enabled()) {
      files.add(parquet.file());
    }
    return files;
  }

  /** Whether every file can be created; says why not for the first that cannot. */
  private static boolean outputsCreatable(List<Path> files, PrintWriter err) {
    for (Path f : files) {
      Optional<String> problem = UserFiles.outputProblem(f);
      if (problem.isPresent()) {
        err.println("ior: " + problem.get() + "; nothing was traced");
        return false;
      }
    }
    return true;
  }

  /**
   * The trace configuration from the flags; a bad combination is a usage error.
   *
   * @param cgroupId the id -cgroup names, 0 before it is looked up (or without one)
   */
  private TraceConfig config(long cgroupId) {
    if (duration < 0) {
      throw new ParameterException(spec.commandLine(), "-duration must be >= 0 seconds");
    }
    boolean durationGiven = spec.commandLine().getParseResult().hasMatchedOption("-duration");
    if ((tui || command.given()) && !durationGiven) {
      duration = 0; // a dashboard runs until the user quits, a command until it exits
    }
    command.validate(spec, filters.pid, filters.tid, tui);
    try {
      flight.validate();
      clickhouse.validate();
      if (flight.enabled()) {
        flight.config(); // a bad errno or glob is a usage error before anything starts
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return filters.config(cgroupId);
  }

  /** {@code -replay}: the recording through the pipeline into the outputs, no tracing. */
  private int replay(TraceConfig config, StreamFormat fmt, PrintWriter err) throws IOException {
    Optional<String> missing = UserFiles.inputProblem(recording.replay);
    if (missing.isPresent()) {
      err.println("ior: " + missing.get());
      return 2;
    }
    boolean flightDump = FlightReplay.applies(recording.replay);
    TraceStream stream = null;
    try {
      if (flightDump) {
        clock = new WallClock(FlightReplay.epochOffsetNs(recording.replay));
      } else {
        stream = TraceStream.openFile(recording.replay, config);
        clock = new WallClock(stream.epochOffsetNs());
      }
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e));
      return 2;
    } catch (TraceException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
    if (!outputsCreatable(plannedOutputs(), err)) {
      return 2;
    }
    // Cgroup ids are unique only within a boot: a recording of this boot (its monotonic clock
    // starts where ours does) is resolved like a live trace; any other shows ids only.
    boolean thisBoot = Math.abs(clock.epochNs(0) - WallClock.now().epochNs(0)) < 1_000_000_000L;
    Optional<CgroupResolver> resolver = thisBoot ? CgroupOptions.openResolver() : Optional.empty();
    try {
      CgroupLookup lookup = CgroupOptions.lookup(resolver);
      List<TraceOutput> outputs = outputs(fmt, config, lookup, CgroupOptions.paths(lookup));
      return flightDump ? FlightReplay.replay(recording.replay, config, outputs, err)
          : recording.replay(stream, outputs, err);
    } finally {
      resolver.ifPresent(CgroupResolver::close);
    }
  }

  /**
   * What this run produces; the live stream (on stdout or in -o FILE) unless another output
   * replaces it.
   *
   * @throws IOException when -o FILE cannot be created
   */
  private List<TraceOutput> outputs(StreamFormat fmt, TraceConfig config, CgroupLookup lookup,
      LongFunction<String> cgroupPaths) throws IOException {
    List<TraceOutput> outputs = new ArrayList<>();
    if (flame.aggregates()) {
      outputs.add(flame.output(config, cgroupPaths));
    }
    if (timeline.enabled()) {
      outputs.add(timeline.output(clock, RunNames.hostName()));
    }
    if (flight.enabled()) {
      outputs.add(flight.output(clock, RunNames.hostName(), spec.commandLine().getErr()));
    }
    if (clickhouse.enabled()) {
      outputs.add(clickhouse.output(clock, RunNames.hostName(), PairLabels.of(lookup)));
    }
    if (parquet.enabled()) {
      outputs.add(parquet.output(clock, RunNames.hostName(), PairLabels.of(lookup)));
    }
    if (outputs.isEmpty() && !tui) { // file outputs and the dashboard replace the live stream
      outputs.add(output == null ? new StreamOutput(fmt, System.console() != null, clock, lookup)
          : StreamOutput.toFile(output, fmt, clock, lookup));
    }
    if (tui) {
      outputs.add(new TuiOutput(filters.describe(), !filters.targeted(), lookup, early));
    }
    return outputs;
  }

  private StreamFormat streamFormat() {
    String format = streamFormat == null ? null : streamFormat.format;
    if (format == null) {
      return streamFormat != null && streamFormat.plain ? StreamFormat.CSV : StreamFormat.IOR;
    }
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "ior":
        return StreamFormat.IOR;
      case "csv":
        return StreamFormat.CSV;
      case "json":
        return StreamFormat.JSON;
      default:
        throw new ParameterException(spec.commandLine(),
            "unknown -format '" + format + "': use ior, csv or json");
    }
  }
}
