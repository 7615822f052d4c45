// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import dev.ior.cli.UserFiles;
import dev.ior.zeekspy.ReadMode;
import dev.ior.zeekspy.SamplingResult;
import dev.ior.zeekspy.ZeekSpy;
import dev.ior.zeekspy.ZeekSpyConfig;
import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.LayoutFile;
import dev.ior.zeekspy.layout.ZeekLayout;
import dev.ior.zeekspy.sample.SamplerStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zeekspy}: sample a running Zeek's script call stack and write a pprof profile. */
@Command(
    name = "zeekspy",
    mixinStandardHelpOptions = true,
    versionProvider = ZeekSpyVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Samples the script-level call stack (functions, events, hooks, script files and lines)"
          + " of a running Zeek and writes a gzipped pprof profile, optionally an SVG flame"
          + " graph. Reads Zeek's memory with process_vm_readv without stopping it (or stops it"
          + " per sample with -mode ptrace). Needs root or CAP_SYS_PTRACE.",
      "Ctrl+C, -duration or the end of the Zeek process stop sampling; the profile is written"
          + " in every case. Status and statistics go to stderr."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # until Ctrl+C, 100 Hz:",
      "  sudo zeekspy -pid $(pgrep -o zeek) -profile zeek.pb.gz",
      "  # a minute at 1 kHz, with a flame graph:",
      "  sudo zeekspy -pid 4242 -hz 1000 -duration 60s -flamegraph zeek.svg",
      "  # consistent snapshots (stops Zeek's main thread per sample):",
      "  sudo zeekspy -pid 4242 -mode ptrace -stats 10s",
      "  # a Zeek without debug info that zeekspy has no layout for:",
      "  sudo zeekspy -pid 4242 -layout zeek-3.2-clang.layout",
      "  # keep the layout derived from a build's debug info:",
      "  sudo zeekspy -pid 4242 -dump-layout > zeek-6.0.layout",
      "  # look at the result:",
      "  go tool pprof -http=:8080 zeek.pb.gz",
      "",
      "Layout files and how to read the output: docs/zeekspy.md."
    })
public final class ZeekSpyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-pid", "--pid"}, paramLabel = "PID",
      description = "The Zeek process to sample (its main process, where scripts run).")
  long pid;

  @Option(names = {"-hz", "--hz"}, paramLabel = "N", defaultValue = "100",
      description = "Samples per second, 1..10000 (default: ${DEFAULT-VALUE}).")
  int hz;

  @Option(names = {"-profile", "--profile"}, paramLabel = "FILE", defaultValue = "zeekspy.pb.gz",
      description = "Where to write the gzipped pprof profile (default: ${DEFAULT-VALUE}).")
  Path profile;

  @Option(names = {"-flamegraph", "--flamegraph"}, paramLabel = "FILE",
      description = "Also write an interactive SVG flame graph of the samples.")
  Path flamegraph;

  @Option(names = {"-stats", "--stats"}, paramLabel = "DURATION", defaultValue = "5s",
      converter = GoDurationConverter.class,
      description = "Print a statistics line this often, e.g. 5s (default), 500ms; 0 = never.")
  Duration stats;

  @Option(names = {"-duration", "--duration"}, paramLabel = "DURATION", defaultValue = "0",
      converter = GoDurationConverter.class,
      description = "Stop after this long, e.g. 30s, 5m (default 0: until Ctrl+C or Zeek exits).")
  Duration duration;

  @Option(names = {"-mode", "--mode"}, paramLabel = "readv|ptrace", defaultValue = "readv",
      description = "readv (default): read while Zeek runs, retry torn samples; ptrace: stop"
          + " Zeek's main thread for each sample.")
  String mode;

  @Option(names = {"-layout", "--layout"}, paramLabel = "FILE",
      description = "Use this layout file instead of offsets from Zeek's debug info or a"
          + " built-in layout chosen by version.")
  Path layout;

  @Option(names = {"-dump-layout", "--dump-layout"},
      description = "Print the layout zeekspy would use for -pid (derived from debug info, or"
          + " the one chosen) in the layout-file format, and exit.")
  boolean dumpLayout;

  @Option(names = {"-layouts", "--list-layouts"},
      description = "List the built-in layouts and exit.")
  boolean listLayouts;

  @Option(names = {"-debug", "--debug"},
      description = "Print what was resolved (executable, addresses, layout) and why samples"
          + " were torn.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (listLayouts) {
      printLayouts(spec.commandLine().getOut());
      return 0;
    }
    ZeekSpyConfig config = config();
    for (Path out : flamegraph == null ? List.of(profile) : List.of(profile, flamegraph)) {
      Optional<String> problem = UserFiles.outputProblem(out); // now, not after sampling
      if (problem.isPresent()) {
        err.println("zeekspy: " + problem.get() + "; nothing was sampled");
        return 1; // "cannot write the output", as docs/zeekspy.md lists the exit codes
      }
    }
    ZeekSpy spy;
    try {
      spy = ZeekSpy.open(config);
    } catch (ZeekSpyException e) {
      err.println("zeekspy: " + e.getMessage());
      return 1;
    }
    try (spy) {
      if (dumpLayout) {
        return dumpLayout(spy, err);
      }
      announce(spy, err);
      try {
        spy.start();
      } catch (ZeekSpyException e) {
        err.println("zeekspy: " + e.getMessage());
        return 1;
      }
      return runUntilStopped(spy, err);
    }
  }

  private ZeekSpyConfig config() {
    if (pid <= 0) {
      throw new ParameterException(spec.commandLine(), "-pid PID is required (a positive pid)");
    }
    if (hz < 1 || hz > 10_000) {
      throw new ParameterException(spec.commandLine(), "-hz must be 1..10000, not " + hz);
    }
    try {
      return ZeekSpyConfig.of(pid).withHz(hz).withMode(ReadMode.parse(mode))
          .withLayoutFile(layout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void announce(ZeekSpy spy, PrintWriter err) {
    if (debug) {
      spy.target().describe().lines().forEach(l -> err.println("zeekspy: debug: " + l));
    }
    if (!spy.target().layoutNote().isEmpty()) {
      err.println("zeekspy: note: " + spy.target().layoutNote());
    }
    err.printf(Locale.ROOT, "zeekspy: sampling pid %d (Zeek %s, layout %s) at %d Hz, mode %s%s;"
            + " Ctrl+C writes %s%n", pid, spy.target().version(), spy.target().layout().name(),
        hz, ReadMode.parse(mode).flag(),
        duration.isZero() ? "" : " for " + duration.toString().substring(2).toLowerCase(),
        profile);
    err.flush();
  }

  private int runUntilStopped(ZeekSpy spy, PrintWriter err) throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      interrupted.countDown();
      try {
        written.await(30, TimeUnit.SECONDS); // let the profile be written before the JVM exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "zeekspy-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      waitForEnd(spy, interrupted, err);
      return finish(spy.stop(), spy, err);
    } finally {
      written.countDown();
      if (interrupted.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  /** Waits for Ctrl+C, -duration or the end of sampling, printing statistics meanwhile. */
  private void waitForEnd(ZeekSpy spy, CountDownLatch interrupted, PrintWriter err)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = duration.isZero() ? Long.MAX_VALUE : start + duration.toNanos();
    long statsEvery = stats.isZero() ? Long.MAX_VALUE : stats.toNanos();
    long nextStats = stats.isZero() ? Long.MAX_VALUE : start + statsEvery;
    SamplerStats last = SamplerStats.ZERO;
    while (interrupted.getCount() > 0) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now >= nextStats) {
        SamplerStats s = spy.stats();
        err.println("zeekspy: " + s.since(last).format() + " | total samples=" + s.samples());
        if (debug && !spy.lastTornReason().isEmpty()) {
          err.println("zeekspy: debug: last torn sample: " + spy.lastTornReason());
        }
        err.flush();
        last = s;
        nextStats += statsEvery;
      }
      long wait = Math.min(Math.min(end, nextStats) - now, TimeUnit.MILLISECONDS.toNanos(100));
      if (spy.awaitEnd(Duration.ofNanos(Math.max(wait, 1)))) {
        break;
      }
    }
  }

  private int finish(SamplingResult r, ZeekSpy spy, PrintWriter err) {
    int rc = 0;
    if (r.targetExited()) {
      err.println("zeekspy: process " + pid + " exited; the profile covers the time until then");
    } else if (r.endedBy().isPresent()) {
      err.println("zeekspy: sampling stopped early: " + r.endedBy().get().getMessage());
      rc = 1;
    }
    err.println("zeekspy: " + r.stats().format());
    try {
      ProfileFiles.writePprof(r.profile(), profile);
      err.printf(Locale.ROOT, "zeekspy: wrote %s (%d samples)%n", profile, r.stats().samples());
    } catch (IOException e) {
      err.println("zeekspy: cannot write " + UserFiles.describe(profile, e));
      rc = 1;
    }
    if (flamegraph != null) { // also when the profile failed: the samples are in both
      try {
        ProfileFiles.writeFlameGraph(r.profile(), String.format(Locale.ROOT,
            "pid %d, Zeek %s, %d Hz, %d samples", pid, spy.target().version(), hz,
            r.stats().samples()), flamegraph);
        err.println("zeekspy: wrote " + flamegraph);
      } catch (IOException e) {
        err.println("zeekspy: cannot write " + UserFiles.describe(flamegraph, e));
        rc = 1;
      }
    }
    err.flush();
    return rc;
  }

  private int dumpLayout(ZeekSpy spy, PrintWriter err) {
    if (!spy.target().layoutNote().isEmpty()) {
      err.println("zeekspy: note: " + spy.target().layoutNote());
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(LayoutFile.format(spy.target().layout(), List.of(
        "zeekspy -dump-layout -pid " + pid + ": " + spy.target().executable() + ", Zeek "
            + spy.target().version())));
    out.flush();
    return 0;
  }

  private static void printLayouts(PrintWriter out) {
    for (ZeekLayout l : LayoutCatalog.builtIn().layouts()) {
      out.printf(Locale.ROOT, "%-22s versions %-10s %-7s %s%n", l.name(),
          String.join(",", l.versions()), l.arch(), l.description());
    }
    out.flush();
  }
}
