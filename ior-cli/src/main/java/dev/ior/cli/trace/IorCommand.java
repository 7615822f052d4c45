// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.load.Preflight;
import dev.ior.cli.flame.CollapsedCommand;
import dev.ior.cli.flame.FlameOptions;
import dev.ior.cli.serve.ServeCommand;
import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.record.RecordFileReader;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
          + " statistics go to stderr; Ctrl+C or SIGTERM stop cleanly."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sudo ior -comm postgres -duration 30        what postgres does to files, 30 s",
      "  sudo ior -pid 4242 -path /var/lib/mysql      one process, one directory",
      "  sudo ior -tps 'fsync|fdatasync|sync' -plain  sync calls as CSV",
      "  sudo ior -format json -duration 5 | jq .file JSON lines for scripts",
      "  sudo ior -tui -comm postgres                 live dashboard (? keys, q quits)",
      "  sudo ior -flamegraph -comm java -duration 30 NAME.ior/.collapsed/.svg",
      "  sudo ior -pprof -pid 4242 -name db           db.pb.gz for go tool pprof",
      "  ior -ior NAME.ior -fields pid,path -count duration   re-project, no root",
      "  ior collapsed NAME.ior | flamegraph.pl > io.svg      folded stacks",
      "  ior -diff before.ior after.ior -name change  red grew, blue shrank",
      "  sudo ior serve -comm postgres                Prometheus /metrics and pprof on :9464",
      "  sudo ior -comm nginx -record ng.iorrec       keep the raw stream...",
      "  ior -replay ng.iorrec -path /var/log -plain  ...and use it later, no root",
      "",
      "ior format columns: durationToPrevNs (gap since the thread's previous syscall),"
          + " durationNs (latency), comm@pid.tid, syscall=>return value, file"
          + " ('old -> new' for renames and transfers)."
    })
public final class IorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TraceFilters filters;

  @Option(names = {"-duration", "--duration"}, paramLabel = "SECONDS", defaultValue = "60",
      description = "Stop after this many seconds (default: ${DEFAULT-VALUE}; 0 = until Ctrl+C).")
  int duration;

  @Option(names = {"-plain", "--plain"},
      description = "Print RFC 4180 CSV with a header instead of ior's line format.")
  boolean plain;

  @Option(names = {"-format", "--format"}, paramLabel = "ior|csv|json",
      description = "Stream format: ior (default), csv (same as -plain) or json (one object per"
          + " line).")
  String format;

  @Option(names = {"-tui", "--tui"},
      description = "Show a live terminal dashboard instead of the stream (press ? in it for the"
          + " keys); runs until q unless -duration is given. Without -pid or -comm it first"
          + " offers a target picker. Not a terminal: a plain table every second.")
  boolean tui;

  @Mixin FlameOptions flame;

  @Mixin RecordOptions recording;

  /** Maps kernel timestamps to wall-clock time: now's offset, or a recording's. */
  private WallClock clock = WallClock.now();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (flame.offline()) {
      return flame.runOffline(err); // conversions: no trace, no root
    }
    StreamFormat fmt = streamFormat();
    TraceConfig config = config();
    flame.projection(); // a bad -fields or -count is a usage error before anything starts
    if (recording.replaying()) {
      return replay(config, fmt, err);
    }
    try {
      // Fail fast, before anything reaches stdout: selection, privileges, libbpf, kernel.
      SyscallSelection.select(SyscallTable.standard(), config.include(), config.exclude());
      Preflight.check();
    } catch (IllegalArgumentException | TraceException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
    List<TraceOutput> outputs = outputs(fmt, config);
    RecordingOutput recorder;
    try {
      recorder = recording.recordingOutput(clock);
    } catch (java.io.IOException e) {
      err.println("ior: cannot record: " + e.getMessage());
      return 2;
    }
    if (recorder != null) {
      outputs.add(recorder);
    }
    BpfTraceSession session = TraceRun.start(config, outputs, recorder, err);
    if (session == null) {
      return 2;
    }
    err.printf("ior: tracing %d syscalls%s%s (Ctrl+C to stop)%n", session.attachedSyscalls(),
        duration > 0 ? " for " + duration + " s" : "", describeFilters());
    err.flush();
    return new TraceRun(session, outputs, err, duration).run();
  }

  /** The trace configuration from the flags; a bad combination is a usage error. */
  private TraceConfig config() {
    if (duration < 0) {
      throw new ParameterException(spec.commandLine(), "-duration must be >= 0 seconds");
    }
    if (tui && !spec.commandLine().getParseResult().hasMatchedOption("-duration")) {
      duration = 0; // a dashboard runs until the user quits
    }
    return filters.config();
  }

  /** {@code -replay}: the recording through the pipeline into the outputs, no tracing. */
  private int replay(TraceConfig config, StreamFormat fmt, PrintWriter err)
      throws java.io.IOException {
    if (tui) {
      throw new ParameterException(spec.commandLine(),
          "-tui shows a live trace; -replay works with the stream, -flamegraph and -pprof");
    }
    try {
      clock = new WallClock(RecordFileReader.epochOffsetNs(recording.replay));
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("ior: no such file: " + recording.replay);
      return 2;
    } catch (java.io.IOException e) {
      err.println("ior: " + e.getMessage());
      return 2;
    }
    return recording.replay(config, outputs(fmt, config), err);
  }

  /** What this run produces; the live stream unless another output replaces it. */
  private List<TraceOutput> outputs(StreamFormat fmt, TraceConfig config) {
    List<TraceOutput> outputs = new ArrayList<>();
    outputs.add(flame.aggregates() ? flame.output(config)
        : new StreamOutput(fmt, System.console() != null, clock));
    if (tui) {
      // The dashboard owns the terminal: it replaces the stream, never a file output.
      outputs.removeIf(o -> o instanceof StreamOutput);
      outputs.add(new TuiOutput(describeFilters(), !filters.targeted()));
    }
    return outputs;
  }

  private String describeFilters() {
    return filters.describe();
  }

  private StreamFormat streamFormat() {
    if (format == null) {
      return plain ? StreamFormat.CSV : StreamFormat.IOR;
    }
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "ior":
        return plain ? StreamFormat.CSV : StreamFormat.IOR;
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
