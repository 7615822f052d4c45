// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.metrics.LatencyBuckets;
import dev.ior.core.metrics.MetricsSink;
import dev.ior.core.metrics.MetricsSnapshot;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.metrics.SeriesKey;
import dev.ior.core.metrics.SeriesSnapshot;
import dev.ior.core.syscall.IoKind;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The syscall metrics of {@code ior serve}, built from a {@link MetricsSink} snapshot on each
 * scrape (HTTP thread): calls, errors by errno, bytes and latency per (syscall, family, comm,
 * container) series, and the series cap's own counters. The client library writes them in the
 * format the scraper asked for; the histogram carries classic buckets and native buckets, so
 * a Prometheus with native histograms enabled (protobuf) gets those and everything else the
 * classic ones.
 */
final class SyscallCollector implements MultiCollector {
  /** The native zero bucket holds only 0 ns calls: any threshold below 1 ns would do. */
  private static final double ZERO_THRESHOLD = Math.pow(2, -128);
  private static final double[] LE = LatencyBuckets.CLASSIC.upperBoundsSeconds();

  private final MetricsSink sink;

  SyscallCollector(MetricsSink sink) {
    this.sink = sink;
  }

  @Override
  public MetricSnapshots collect() {
    MetricsSnapshot s = sink.snapshot();
    CounterSnapshot.Builder calls = CounterSnapshot.builder().name("ior_syscalls")
        .help("Syscalls completed (enter and exit paired), after the trace's filters.");
    CounterSnapshot.Builder errors = CounterSnapshot.builder().name("ior_syscall_errors")
        .help("Syscalls that returned an error, by errno (restarted calls are not errors).");
    CounterSnapshot.Builder bytes = CounterSnapshot.builder().name("ior_syscall_bytes")
        .help("Bytes read, written or transferred by successful calls.").unit(Unit.BYTES);
    HistogramSnapshot.Builder latency = HistogramSnapshot.builder()
        .name("ior_syscall_duration_seconds").unit(Unit.SECONDS)
        .help("Syscall latency, enter to exit.");
    PairLabels names = sink.labels();
    for (SeriesSnapshot series : s.series()) {
      Labels labels = labels(series.key(), names);
      calls.dataPoint(counter(labels, series.count()));
      for (Map.Entry<String, Long> e : series.errors().entrySet()) {
        errors.dataPoint(counter(labels.add("errno", e.getKey()), e.getValue()));
      }
      IoKind io = series.key().syscall().io();
      if (io != IoKind.NONE) {
        bytes.dataPoint(counter(labels.add("direction", io.name().toLowerCase(Locale.ROOT)),
            series.bytes()));
      }
      latency.dataPoint(histogram(labels, series));
    }
    return MetricSnapshots.of(calls.build(), errors.build(), bytes.build(), latency.build(),
        gauge("ior_series", "Series (syscall, comm, container) exported now.",
            s.series().size()),
        gauge("ior_series_limit", "The series cap (-max-series); pairs beyond it are folded"
            + " into comm=\"" + PairLabels.OTHER + "\".", s.maxSeries()),
        CounterSnapshot.builder().name("ior_series_folded_pairs")
            .help("Pairs counted into an overflow series because the series cap was reached.")
            .dataPoint(counter(Labels.EMPTY, s.foldedPairs())).build(),
        CounterSnapshot.builder().name("ior_series_evicted")
            .help("Series dropped because they saw no pair for -series-idle.")
            .dataPoint(counter(Labels.EMPTY, s.evictedSeries())).build());
  }

  /** syscall, family (when the labels know it), comm and container (when not ""). */
  static Labels labels(SeriesKey key, PairLabels names) {
    List<String> kv = new ArrayList<>(8);
    kv.add("syscall");
    kv.add(key.syscall().name());
    String family = names.family(key.syscall());
    if (family != null) {
      kv.add("family");
      kv.add(family);
    }
    kv.add("comm");
    kv.add(key.comm());
    if (!key.container().isEmpty()) {
      kv.add("container");
      kv.add(key.container());
    }
    return Labels.of(kv.toArray(new String[0]));
  }

  private static CounterDataPointSnapshot counter(Labels labels, double value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
  }

  private static HistogramDataPointSnapshot histogram(Labels labels, SeriesSnapshot s) {
    long[] counts = new long[LE.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = s.classicCount(i);
    }
    NativeHistogramBuckets.Builder nat = NativeHistogramBuckets.builder();
    for (int k = 0; k < s.nativeBuckets(); k++) {
      nat.bucket(s.nativeIndex(k), s.nativeCount(k));
    }
    return HistogramDataPointSnapshot.builder().labels(labels)
        .classicHistogramBuckets(ClassicHistogramBuckets.of(LE, counts))
        .nativeSchema(LatencyBuckets.NATIVE_SCHEMA)
        .nativeZeroThreshold(ZERO_THRESHOLD)
        .nativeZeroCount(s.zeroCount())
        .nativeBucketsForPositiveValues(nat.build())
        .sum(s.durationNs() / 1e9)
        .build();
  }
}
