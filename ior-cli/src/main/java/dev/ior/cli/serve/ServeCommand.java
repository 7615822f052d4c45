// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.stack.StackPolicy;
import dev.ior.bpf.load.Preflight;
import dev.ior.cli.flight.FlightOptions;
import dev.ior.cli.flight.FlightOutput;
import dev.ior.cli.flight.FlightTriggerHandler;
import dev.ior.cli.clickhouse.ClickHouseOptions;
import dev.ior.cli.clickhouse.ClickHouseOutput;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.flame.RunNames;
import dev.ior.cli.trace.TraceFilters;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.cli.trace.TraceRun;
import dev.ior.cli.trace.VersionProvider;
import dev.ior.cli.trace.CgroupOptions;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.cgroup.CgroupResolver;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.trace.NoSuchTargetException;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ior serve}: trace until stopped and export Prometheus metrics and pprof over HTTP. */
@Command(
    name = ServeCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Traces file-I/O syscalls until stopped and serves over HTTP: /metrics for Prometheus"
          + " (calls, errors, bytes and latency histograms by syscall and comm, and ior's own"
          + " health), /debug/pprof/io?seconds=N, a pprof profile of the last N seconds' I/O"
          + " (go tool pprof, Parca, Pyroscope), and / (links, filters, losses).",
      "Listens on loopback unless -listen says otherwise: the metrics and profiles show process"
          + " and file names. SIGTERM or Ctrl+C stop it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  sudo ior serve                               all processes, 127.0.0.1:9464",
      "  sudo ior serve -comm postgres -listen :9464  one program, every interface",
      "  go tool pprof http://127.0.0.1:9464/debug/pprof/io?seconds=30",
      "  curl -s 127.0.0.1:9464/metrics | grep ior_syscalls_total"
    })
public final class ServeCommand implements Callable<Integer> {
  /** The subcommand's name: {@code ior serve}. */
  public static final String NAME = "serve";

  /**
   * The ring of a long-running exporter without -mapSize: 4 MiB, not 16 (mapped twice, the ring
   * is resident memory: 8 MiB instead of 32). The consumer drains it every 10 ms or every 256
   * KiB, so it holds bursts of about 60,000 calls; -mapSize 16M for hosts beyond that.
   */
  static final long RING_BYTES = 4L << 20;

  @Spec CommandSpec spec;

  @Option(names = {"-listen", "--listen"}, paramLabel = "HOST:PORT",
      converter = ListenAddress.Converter.class, defaultValue = ListenAddress.DEFAULT,
      description = "Where to serve (default: ${DEFAULT-VALUE}, loopback only; ':9464' is every"
          + " interface; port 0 picks a free one).")
  ListenAddress listen;

  @Mixin TraceFilters filters;

  @Mixin FlightOptions flight;

  @Mixin ClickHouseOptions clickhouse;

  @Option(names = {"-max-series", "--max-series"}, paramLabel = "N", defaultValue = "10000",
      description = "Keep at most N (syscall, comm, container) series (default: ${DEFAULT-VALUE});"
          + " calls of further ones count under comm=\"[other]\" of their syscall.")
  int maxSeries;

  @Option(names = {"-series-idle", "--series-idle"}, paramLabel = "SECONDS",
      defaultValue = "300",
      description = "Drop a series (and its histogram) after this many seconds without a call"
          + " (default: ${DEFAULT-VALUE}).")
  int seriesIdle;

  @Option(names = {"-pprof-window", "--pprof-window"}, paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How far back /debug/pprof/io?seconds=N can reach (default: ${DEFAULT-VALUE};"
          + " 1..3600).")
  int pprofWindow;

  @Option(names = {"-pprof-rows", "--pprof-rows"}, paramLabel = "N", defaultValue = "10000",
      description = "Keep at most N distinct (path, syscall, comm, pid, tid, flags) rows in the"
          + " profile window (default: ${DEFAULT-VALUE}; 1.5 KiB of heap each, which bin/ior"
          + " gives the JVM); beyond, the oldest"
          + " seconds go first, and a second that alone has more counts the rest under"
          + " path=comm=\"[other]\".")
  int pprofRows;

  @Option(names = {"-stacks", "--stacks"}, paramLabel = "POLICY", defaultValue = "off",
      description = "Take user stacks (off, all, sample:N, slow:DURATION, sample:N,slow:DURATION;"
          + " default: ${DEFAULT-VALUE}) so that /debug/pprof/io?fields=stack,tracepoint shows"
          + " which code did the I/O.")
  String stacks;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    MetricsOptions metrics = metricsOptions();
    try {
      flight.validate();
      clickhouse.validate();
      if (flight.enabled()) {
        flight.config();
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    // Container labels from the cgroup ids, resolved off the consumer thread.
    Optional<CgroupResolver> resolver = CgroupOptions.openResolver();
    try {
      TraceStream stream;
      try {
        StackPolicy stackPolicy = StackPolicy.parse(stacks);
        stream = TraceStream.live(filters.config(filters.cgroups().cgroupId(resolver), RING_BYTES))
            .stacks(stackPolicy);
        Preflight.check();
      } catch (NoSuchTargetException e) {
        err.println("ior serve: " + TraceFilters.noSuchTarget(e));
        return 2;
      } catch (IllegalArgumentException | TraceException e) {
        err.println("ior serve: " + e.getMessage());
        return 2;
      }
      ExporterServer http = bind(err);
      if (http == null) {
        return 2;
      }
      CgroupLookup lookup = CgroupOptions.lookup(resolver);
      ServeOutput output = new ServeOutput(http, metrics, PairLabels.of(lookup), pprofWindow,
          pprofRows, filters.describe(), RunNames.hostName());
      List<TraceOutput> outputs = new ArrayList<>(List.of(output));
      if (flight.enabled()) { // the last seconds kept beside the metrics; POST dumps them
        FlightOutput fo = flight.output(WallClock.now(), RunNames.hostName(), err);
        outputs.add(fo);
        http.mount("/flight/trigger", new FlightTriggerHandler(fo));
      }
      if (clickhouse.enabled()) { // every call also into ClickHouse; its drops on /metrics
        ClickHouseOutput ch;
        try {
          ch = clickhouse.output(WallClock.now(), RunNames.hostName(), PairLabels.of(lookup));
        } catch (IOException e) {
          err.println("ior serve: " + e.getMessage());
          http.close();
          return 2;
        }
        outputs.add(ch);
        output.exportClickHouse(ch::stats);
      }
      if (!TraceRun.start(stream, outputs, null, err, s -> filters.cgroups().sink(s, lookup))) {
        http.close();
        return 2;
      }
      String url = "http://" + hostPort(http.address());
      err.printf("ior serve: tracing %d syscalls%s; metrics at %s/metrics, profiles at"
          + " %s/debug/pprof/io (SIGTERM or Ctrl+C to stop)%n", stream.attached().size(),
          filters.describe(), url, url);
      err.flush();
      return new TraceRun(stream, outputs, err, null).run();
    } finally {
      resolver.ifPresent(CgroupResolver::close);
    }
  }

  private MetricsOptions metricsOptions() {
    if (pprofRows < 1) {
      throw new ParameterException(spec.commandLine(),
          "-pprof-rows must be at least 1, got " + pprofRows);
    }
    if (pprofWindow < 1 || pprofWindow > 3600) {
      throw new ParameterException(spec.commandLine(),
          "-pprof-window must be from 1 to 3600 seconds, got " + pprofWindow);
    }
    try {
      return new MetricsOptions(maxSeries, Duration.ofSeconds(seriesIdle));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), maxSeries < 1
          ? "-max-series must be at least 1, got " + maxSeries
          : "-series-idle must be at least 1 second, got " + seriesIdle);
    }
  }

  /** The bound server, or null after a one-line reason. */
  private ExporterServer bind(PrintWriter err) {
    InetSocketAddress address;
    try {
      address = listen.resolve();
    } catch (UnknownHostException e) {
      err.println("ior serve: -listen " + listen + ": cannot resolve host '" + listen.host()
          + "'");
      return null;
    }
    try {
      ExporterServer http = ExporterServer.bind(address);
      if (!address.getAddress().isLoopbackAddress()) {
        err.println("ior serve: listening on " + listen + ", not only loopback: whoever reaches"
            + " this port sees the traced process names, file names and I/O volumes");
      }
      return http;
    } catch (BindException e) {
      err.println("ior serve: cannot listen on " + listen + ": "
          + reason(e) + " (choose another with -listen HOST:PORT)");
    } catch (IOException e) {
      err.println("ior serve: cannot listen on " + listen + ": " + reason(e));
    }
    return null;
  }

  private static String reason(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int paren = m.indexOf(" (");
    m = paren > 0 ? m.substring(0, paren) : m; // "Address already in use (Bind failed)"
    return m.toLowerCase(Locale.ROOT);
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
