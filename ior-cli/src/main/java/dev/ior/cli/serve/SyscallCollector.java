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
 * The syscall metrics of {@code ior serve} in the Prometheus client's snapshot objects: the
 * series cap's own counters on each scrape ({@link #collect}), and one page of a per-series
 * family for the protobuf format ({@link #family}; {@link SeriesExposition} streams the pages).
 * The histogram carries classic buckets and native buckets, so a Prometheus with native
 * histograms enabled (protobuf) gets those and everything else the classic ones.
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
    MetricsSnapshot s = sink.counts();
    return MetricSnapshots.of(
        gauge("ior_series", "Series (syscall, comm, container) exported now.",
            sink.seriesCount()),
        gauge("ior_series_limit", "The series cap (-max-series); pairs beyond it are folded"
            + " into comm=\"" + PairLabels.OTHER + "\".", s.maxSeries()),
        CounterSnapshot.builder().name("ior_series_folded_pairs")
            .help("Pairs counted into an overflow series because the series cap was reached.")
            .dataPoint(counter(Labels.EMPTY, s.foldedPairs())).build(),
        CounterSnapshot.builder().name("ior_series_evicted")
            .help("Series dropped because they saw no pair for -series-idle.")
            .dataPoint(counter(Labels.EMPTY, s.evictedSeries())).build());
  }

  /** Family {@code f} of the series of {@code page}, as one snapshot. */
  static MetricSnapshots family(SeriesExposition.Family f, List<SeriesSnapshot> page,
      PairLabels names) {
    switch (f) {
      case CALLS: {
        CounterSnapshot.Builder calls = CounterSnapshot.builder().name(f.name).help(f.help);
        for (SeriesSnapshot series : page) {
          calls.dataPoint(counter(labels(series.key(), names), series.count()));
        }
        return MetricSnapshots.of(calls.build());
      }
      case ERRORS: {
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name(f.name).help(f.help);
        for (SeriesSnapshot series : page) {
          Labels labels = labels(series.key(), names);
          for (Map.Entry<String, Long> e : series.errors().entrySet()) {
            errors.dataPoint(counter(labels.add("errno", e.getKey()), e.getValue()));
          }
        }
        return MetricSnapshots.of(errors.build());
      }
      case BYTES: {
        CounterSnapshot.Builder bytes = CounterSnapshot.builder().name(f.name).help(f.help)
            .unit(Unit.BYTES);
        for (SeriesSnapshot series : page) {
          IoKind io = series.key().syscall().io();
          if (io != IoKind.NONE) {
            bytes.dataPoint(counter(labels(series.key(), names).add("direction",
                io.name().toLowerCase(Locale.ROOT)), series.bytes()));
          }
        }
        return MetricSnapshots.of(bytes.build());
      }
      default: {
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name(f.name)
            .unit(Unit.SECONDS).help(f.help);
        for (SeriesSnapshot series : page) {
          latency.dataPoint(histogram(labels(series.key(), names), series));
        }
        return MetricSnapshots.of(latency.build());
      }
    }
  }

  /** syscall, family (when the labels know it), comm and container (when not ""), escaped. */
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
    kv.add(LabelValue.of(key.comm()));
    if (!key.container().isEmpty()) {
      kv.add("container");
      kv.add(LabelValue.of(key.container()));
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
