// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.core.stack.StackPolicy;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.load.Preflight;
import dev.ior.cli.flame.RunNames;
import dev.ior.cli.trace.TraceFilters;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.cli.trace.TraceRun;
import dev.ior.cli.trace.VersionProvider;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ior serve}: trace until stopped and export Prometheus metrics and pprof over HTTP. */
@Command(
    name = "serve",
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
  @Spec CommandSpec spec;

  @Option(names = {"-listen", "--listen"}, paramLabel = "HOST:PORT",
      converter = ListenAddress.Converter.class, defaultValue = ListenAddress.DEFAULT,
      description = "Where to serve (default: ${DEFAULT-VALUE}, loopback only; ':9464' is every"
          + " interface; port 0 picks a free one).")
  ListenAddress listen;

  @Mixin TraceFilters filters;

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

  @Option(names = {"-stacks", "--stacks"}, paramLabel = "POLICY", defaultValue = "off",
      description = "Take user stacks (off, all, sample:N, slow:DURATION, sample:N,slow:DURATION;"
          + " default: ${DEFAULT-VALUE}) so that /debug/pprof/io?fields=stack,tracepoint shows"
          + " which code did the I/O.")
  String stacks;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    MetricsOptions metrics = metricsOptions();
    TraceConfig config = filters.config();
    StackPolicy stackPolicy;
    try {
      stackPolicy = StackPolicy.parse(stacks);
      SyscallSelection.select(SyscallTable.standard(), config.selection());
      Preflight.check();
    } catch (IllegalArgumentException | TraceException e) {
      err.println("ior serve: " + e.getMessage());
      return 2;
    }
    ExporterServer http = bind(err);
    if (http == null) {
      return 2;
    }
    // Container labels from the cgroup ids, resolved off the consumer thread.
    java.util.Optional<dev.ior.core.cgroup.CgroupResolver> resolver =
        dev.ior.cli.trace.CgroupOptions.openResolver();
    ServeOutput output = new ServeOutput(http, metrics,
        PairLabels.of(dev.ior.cli.trace.CgroupOptions.lookup(resolver)), pprofWindow,
        filters.describe(), RunNames.hostName());
    List<TraceOutput> outputs = List.of(output);
    BpfTraceSession session = TraceRun.start(config, stackPolicy, outputs, null, err,
        java.util.function.UnaryOperator.identity());
    if (session == null) {
      http.close();
      resolver.ifPresent(dev.ior.core.cgroup.CgroupResolver::close);
      return 2;
    }
    String url = "http://" + hostPort(http.address());
    err.printf("ior serve: tracing %d syscalls%s; metrics at %s/metrics, profiles at"
        + " %s/debug/pprof/io (SIGTERM or Ctrl+C to stop)%n", session.attachedSyscalls(),
        filters.describe(), url, url);
    err.flush();
    try {
      return new TraceRun(session, outputs, err, 0).run();
    } finally {
      resolver.ifPresent(dev.ior.core.cgroup.CgroupResolver::close);
    }
  }

  private MetricsOptions metricsOptions() {
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
