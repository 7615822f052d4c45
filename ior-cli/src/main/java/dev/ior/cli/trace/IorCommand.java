// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.core.projection.Field;
import dev.ior.core.stack.StackPolicy;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.load.Preflight;
import dev.ior.cli.flame.CollapsedCommand;
import dev.ior.cli.flame.FlameOptions;
import dev.ior.cli.flame.RunNames;
import dev.ior.cli.run.TracedCommand;
import dev.ior.cli.serve.ServeCommand;
import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.timeline.TimelineOptions;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.cgroup.CgroupResolver;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.record.RecordFileReader;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.cli.UserFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    subcommands = {CollapsedCommand.class, ServeCommand.class},
    description = {
      "Traces file-I/O syscalls (open, read, write, fsync, rename and more) of the"
          + " processes you choose with eBPF, pairs each call's enter and exit, knows the file"
          + " behind every descriptor, and prints one line per call on stdout.",
      "Needs root (or CAP_BPF and CAP_PERFMON) and Linux 5.8+. Diagnostics and the final"
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
      "",
      "ior format columns: durationToPrevNs (gap since the thread's previous syscall),"
          + " durationNs (latency), comm@pid.tid, syscall=>return value, file"
          + " ('old -> new' for renames and transfers).",
      "",
      "Exit status: 0 done (also when -duration ends it or the traced -pid exits; with"
          + " -- COMMAND: COMMAND's status, 128+N when signal N killed it);"
          + " 1 an input was damaged or an output could not be written (the others were);"
          + " 2 nothing started: a bad or conflicting flag, a missing input, an output that"
          + " cannot be created, no privileges; 130, 143, 129 stopped by Ctrl+C, SIGTERM,"
          + " SIGHUP, every output written; 70 an internal error (a bug: please report the"
          + " stack trace)."
    })
public final class IorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-pid", "--pid"}, paramLabel = "PID",
      description = "Trace only this process (filtered in the kernel).")
  int pid;

  @Option(names = {"-follow", "--follow"},
      description = "With -pid: also trace every process it starts from now on (in the"
          + " kernel, from each child's first syscall).")
  boolean follow;

  @Option(names = {"-tid", "--tid"}, paramLabel = "TID",
      description = "Trace only this thread (filtered in the kernel).")
  int tid;

  @Option(names = {"-comm", "--comm"}, paramLabel = "NAME",
      description = "Trace only processes whose command name contains NAME (at most 15 bytes, as"
          + " the kernel keeps; filtered in the kernel).")
  String comm;

  @Option(names = {"-path", "--path"}, paramLabel = "TEXT",
      description = "Show only calls whose file contains TEXT (filtered after fd resolution).")
  String path;

  @Mixin CgroupOptions cgroups;

  @Option(names = {"-duration", "--duration"}, paramLabel = "SECONDS", defaultValue = "60",
      description = "Stop after this many seconds (default: ${DEFAULT-VALUE}; 0 = until Ctrl+C;"
          + " with -- COMMAND: until it exits).")
  int duration;

  @Option(names = {"-tps", "--tps"}, paramLabel = "REGEX", split = ",",
      description = "Trace the syscalls whose tracepoint-style names (sys_enter_openat,"
          + " sys_exit_read) match one of these regexes, e.g. 'read|write' or"
          + " '^sys_enter_open'. With -syscalls and -families the selections add up; with none"
          + " of them: the fs and aio families (file I/O).")
  List<String> tps = new ArrayList<>();

  @Option(names = {"-syscalls", "--syscalls"}, paramLabel = "NAME", split = ",",
      description = "Trace these syscalls by name, e.g. read,pwrite64,fsync (the kernel's names;"
          + " 32-bit calls of the same syscall included).")
  List<String> syscalls = new ArrayList<>();

  @Option(names = {"-families", "--families"}, paramLabel = "FAMILY", split = ",",
      description = "Trace whole families: fs (file I/O), aio, net, mem, proc, signal, ipc,"
          + " time, poll, sched, security, misc.")
  List<String> families = new ArrayList<>();

  @Option(names = {"-tpsExclude", "--tps-exclude"}, paramLabel = "REGEX", split = ",",
      description = "Leave out tracepoints matching one of these regexes.")
  List<String> tpsExclude = new ArrayList<>();

  @Option(names = {"-mapSize", "--map-size"}, paramLabel = "BYTES", converter = SizeConverter.class,
      description = "Ring buffer size, a power of two (e.g. 16M, the default; 4K..512M).")
  long mapSize = TraceConfig.DEFAULT_RING_BYTES;

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

  @Option(names = {"-tui", "--tui"},
      description = "Show a live terminal dashboard instead of the stream (press ? in it for the"
          + " keys); runs until q unless -duration is given. Without -pid or -comm it first"
          + " offers a target picker. Not a terminal: a plain table every second.")
  boolean tui;

  @Mixin FlameOptions flame;

  @Mixin RecordOptions recording;

  @Mixin TimelineOptions timeline;

  @Mixin CommandOptions command;

  /** Maps kernel timestamps to wall-clock time: now's offset, or a recording's. */
  private WallClock clock = WallClock.now();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    FlagRules.check(spec.commandLine());
    if (flame.offline()) {
      return flame.runOffline(err); // conversions: no trace, no root
    }
    StreamFormat fmt = streamFormat();
    TraceConfig config = config(0, 0);
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
    TargetWatch target = TargetWatch.of(pid, tid);
    if (target != null && !target.alive()) {
      err.printf("ior: %s %d: no such %s%n", tid > 0 ? "-tid" : "-pid", tid > 0 ? tid : pid,
          tid > 0 ? "thread" : "process");
      return 2;
    }
    Optional<CgroupResolver> resolver = Optional.empty();
    try {
      try {
        // Fail fast, before anything reaches stdout: selection, privileges, libbpf, kernel.
        SyscallSelection.select(SyscallTable.standard(), config.selection());
        Preflight.check();
        resolver = CgroupOptions.openResolver();
        config = config(0, cgroups.cgroupId(resolver));
      } catch (IllegalArgumentException | TraceException e) {
        err.println("ior: " + e.getMessage());
        return 2;
      }
      // Every output must be creatable now, not after a trace of -duration seconds.
      if (!outputsCreatable(plannedOutputs(), err)) {
        return 2;
      }
      return trace(config, stackPolicy, fmt, CgroupOptions.lookup(resolver), target, err);
    } finally {
      resolver.ifPresent(CgroupResolver::close);
    }
  }

  /** A live trace: the command if any, the outputs, the session, until the end. */
  private int trace(TraceConfig config, StackPolicy stackPolicy, StreamFormat fmt,
      CgroupLookup cgroupLookup, TargetWatch target, PrintWriter err)
      throws IOException, InterruptedException {
    TracedCommand cmd = null;
    if (command.given()) {
      try {
        cmd = command.start(); // held until the trace runs
      } catch (TracedCommand.CommandNotFoundException e) {
        err.println("ior: " + e.getMessage());
        return 127; // as a shell says it
      } catch (IOException | IllegalArgumentException e) { // IAE: a -user that is no user
        err.println("ior: " + e.getMessage());
        return 2;
      }
      config = config(cmd.pid(), config.cgroupId());
    }
    int rc = 2;
    BpfTraceSession session = null;
    List<TraceOutput> outputs = new ArrayList<>();
    RecordingOutput recorder = null;
    try {
      outputs.addAll(outputs(fmt, config, cgroupLookup, CgroupOptions.paths(cgroupLookup)));
      try {
        recorder = recording.recordingOutput(clock);
      } catch (IOException e) {
        throw new IOException("cannot record: " + UserFiles.describe(recording.record, e), e);
      }
      if (recorder != null) {
        outputs.add(recorder);
      }
      session = TraceRun.start(config, stackPolicy, outputs, recorder, err,
          s -> cgroups.sink(s, cgroupLookup));
    } catch (IOException e) {
      err.println("ior: " + e.getMessage());
    } catch (UncheckedIOException e) { // the stream's header could not be written
      if (recorder != null) {
        recorder.writer().abort();
      }
      boolean brokenPipe = TraceRun.isBrokenPipe(e); // `ior | head` whose head has gone
      rc = brokenPipe ? 0 : 1;
      if (!brokenPipe) {
        err.println("ior: " + UserFiles.message(e.getCause()));
      }
    }
    if (session == null) {
      if (cmd != null) {
        cmd.killIfHeld();
      }
      return rc;
    }
    announce(session, cmd, err);
    if (cmd != null) {
      cmd.release();
    }
    rc = new TraceRun(session, outputs, err, duration, target, cmd).run();
    cgroups.report(err);
    err.flush();
    return rc;
  }

  private void announce(BpfTraceSession session, TracedCommand cmd, PrintWriter err) {
    String what = cmd == null ? describeFilters()
        : " of " + cmd.name() + " (pid " + cmd.pid() + ") and all it starts";
    err.printf("ior: tracing %d syscalls%s%s (%s)%n", session.attachedSyscalls(),
        duration > 0 ? " for " + duration + " s" : "", what,
        cmd != null ? "until it exits" : "Ctrl+C to stop");
    err.flush();
  }

  /** The files this run will write: -flamegraph/-pprof files, -o FILE. */
  private List<Path> plannedOutputs() {
    List<Path> files = new ArrayList<>(flame.plannedOutputs());
    if (output != null) {
      files.add(output);
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
   * @param commandPid the started command's pid, 0 before (or without) one
   * @param cgroupId the id -cgroup names, 0 before it is looked up (or without one)
   */
  private TraceConfig config(int commandPid, long cgroupId) {
    if (duration < 0) {
      throw new ParameterException(spec.commandLine(), "-duration must be >= 0 seconds");
    }
    boolean durationGiven = spec.commandLine().getParseResult().hasMatchedOption("-duration");
    if ((tui || command.given()) && !durationGiven) {
      duration = 0; // a dashboard runs until the user quits, a command until it exits
    }
    command.validate(spec, pid, tid, tui);
    try {
      return TraceConfig.builder().pid(follow ? 0 : pid).tid(tid)
          .follow(commandPid != 0 ? commandPid : follow ? pid : 0).cgroup(cgroupId)
          .comm(comm).path(path).tracepoints(tps, tpsExclude).syscalls(syscalls)
          .families(families).ringBytes(mapSize).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Warms the outputs up and starts the session; null (after saying why) when it failed. */
  /** {@code -replay}: the recording through the pipeline into the outputs, no tracing. */
  private int replay(TraceConfig config, StreamFormat fmt, PrintWriter err) throws IOException {
    Optional<String> missing = UserFiles.inputProblem(recording.replay);
    if (missing.isPresent()) {
      err.println("ior: " + missing.get());
      return 2;
    }
    try {
      clock = new WallClock(RecordFileReader.epochOffsetNs(recording.replay));
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e));
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
      return recording.replay(config, outputs(fmt, config, lookup, CgroupOptions.paths(lookup)),
          err);
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
    if (outputs.isEmpty() && !tui) { // file outputs and the dashboard replace the live stream
      outputs.add(output == null ? new StreamOutput(fmt, System.console() != null, clock, lookup)
          : StreamOutput.toFile(output, fmt, clock, lookup));
    }
    if (tui) {
      outputs.add(new TuiOutput(describeFilters(), pid == 0 && comm == null && !cgroups.given(),
          lookup));
    }
    return outputs;
  }

  private String describeFilters() {
    List<String> f = new ArrayList<>();
    if (pid != 0) {
      f.add("pid " + pid + (follow ? " and all it starts" : ""));
    }
    if (tid != 0) {
      f.add("tid " + tid);
    }
    if (comm != null) {
      f.add("comm ~ " + comm);
    }
    if (path != null) {
      f.add("path ~ " + path);
    }
    if (cgroups.cgroup != null) {
      f.add("cgroup " + cgroups.cgroup);
    }
    if (cgroups.container != null) {
      f.add("container " + cgroups.container);
    }
    return f.isEmpty() ? " system-wide" : " of " + String.join(", ", f);
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
