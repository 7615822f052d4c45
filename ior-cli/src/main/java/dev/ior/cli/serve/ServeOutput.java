// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.trace.TraceStream;
import dev.ior.cli.trace.InteractiveOutput;
import dev.ior.core.aggregate.AggregateWindow;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.MetricsSink;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import dev.ior.cli.clickhouse.ClickHouseStats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code ior serve} as an output of a trace: the metrics and profile-window sinks on the
 * consumer thread, the HTTP server on its own threads, and on the main thread a once-a-second
 * tick that cuts the sinks' intervals, until the trace is told to stop.
 */
final class ServeOutput implements InteractiveOutput {
  private static final long TICK_MS = 1000;

  private final ExporterServer http;
  private final MetricsOptions metricsOptions;
  private final int windowSeconds;
  private final MetricsSink metrics;
  private final AggregateWindow window;
  private volatile Supplier<TraceStats> stats = () -> null;
  private final PrometheusRegistry registry = new PrometheusRegistry();

  /**
   * Rows the profile window keeps by default (-pprof-rows): about 200 B each kept, 1.5 KiB each
   * while a profile of them is built.
   */
  static final int DEFAULT_WINDOW_ROWS = 10_000;

  ServeOutput(ExporterServer http, MetricsOptions metricsOptions, PairLabels labels,
      int windowSeconds, String filters, String host) {
    this(http, metricsOptions, labels, windowSeconds, DEFAULT_WINDOW_ROWS, filters, host);
  }

  /** @param windowRows rows the profile window keeps at most (oldest seconds go first) */
  ServeOutput(ExporterServer http, MetricsOptions metricsOptions, PairLabels labels,
      int windowSeconds, int windowRows, String filters, String host) {
    this.http = http;
    this.metricsOptions = metricsOptions;
    this.windowSeconds = windowSeconds;
    this.metrics = new MetricsSink(metricsOptions, labels, System::nanoTime);
    this.window = new AggregateWindow(Duration.ofSeconds(windowSeconds), windowRows,
        System::nanoTime);
    Supplier<TraceStats> live = () -> stats.get();
    registry.register(new SyscallCollector(metrics));
    registry.register(new HealthCollector(live));
    ProcessMetrics.builder().register(registry); // process_resident_memory_bytes, cpu, fds
    http.route(new MetricsEndpoint(new SeriesExposition(metrics), registry),
        new PprofHandler(window, windowSeconds, () -> notes(host, filters, live.get()),
            Clock.systemUTC()),
        new IndexPage(filters, live));
  }

  private static String notes(String host, String filters, TraceStats s) {
    String lost = s == null || !s.lossy() ? "nothing lost"
        : String.format(Locale.ROOT, "lost %,d events since the start: totals are lower bounds",
            s.lost());
    return "host " + host + ", " + filters.strip() + ", " + lost;
  }

  /**
   * Exports the ClickHouse sink's counters on {@code /metrics}. Here, not in {@code
   * ServeCommand}: verifying a class that passes a collector as a {@code MultiCollector} loads
   * the Prometheus client, and picocli verifies {@code ServeCommand} whenever it builds
   * {@code ior}'s command line (--help too), which then needs no Prometheus jar.
   */
  void exportClickHouse(Supplier<ClickHouseStats> stats) {
    registry.register(new ClickHouseCollector(stats));
  }

  @Override
  public PairSink sink() {
    return PairSink.tee(metrics, window);
  }

  @Override
  public void warmUp() {
    SyntheticStream.warmUp(SyscallTable.standard(), PairSink.tee(
        new MetricsSink(metricsOptions, PairLabels.CURRENT, System::nanoTime),
        new AggregateWindow(Duration.ofSeconds(windowSeconds), System::nanoTime)), 1);
  }

  /** Starts answering HTTP requests once the trace runs. */
  @Override
  public void attached(TraceStream session) {
    serve(session::liveStats);
  }

  /** Starts answering HTTP requests, with the trace's live counters for the health metrics. */
  void serve(Supplier<TraceStats> liveStats) {
    stats = liveStats;
    http.start();
  }

  @Override
  public void run(BooleanSupplier running, PrintWriter err) throws InterruptedException {
    long next = System.nanoTime();
    while (running.getAsBoolean()) {
      if (System.nanoTime() - next >= 0) {
        next += TICK_MS * 1_000_000;
        tick();
      }
      Thread.sleep(50); // how soon a stop is noticed
    }
  }

  /** Cuts the sinks' intervals: the metrics' into their totals, the window's into a slice. */
  void tick() {
    metrics.advance();
    window.advance();
  }

  @Override
  public int finish(TraceStats finalStats, PrintWriter err) {
    http.close();
    return 0;
  }
}
