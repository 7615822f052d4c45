// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import java.util.List;

/**
 * Everything a {@link MetricsSink} counted, as of one moment; immutable.
 *
 * <pre>{@code
 * MetricsSnapshot s = sink.snapshot();
 * long calls = s.series().stream().mapToLong(SeriesSnapshot::count).sum();
 * }</pre>
 *
 * @param series the live series, overflow series included, in no particular order
 * @param foldedPairs pairs counted into an overflow series because the cap was reached
 * @param evictedSeries series dropped so far because they were idle
 * @param maxSeries the cap
 */
public record MetricsSnapshot(List<SeriesSnapshot> series, long foldedPairs, long evictedSeries,
    int maxSeries) {
  /**
   * Keeps an immutable copy of the series.
   *
   * @param series the live series, overflow series included, in no particular order
   * @param foldedPairs pairs counted into an overflow series because the cap was reached
   * @param evictedSeries series dropped so far because they were idle
   * @param maxSeries the cap
   */
  public MetricsSnapshot {
    series = List.copyOf(series);
  }
}
