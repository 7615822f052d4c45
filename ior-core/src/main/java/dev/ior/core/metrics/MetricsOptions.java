// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import java.time.Duration;

/**
 * Bounds of a {@link MetricsSink}: how many series it keeps and when an idle one is dropped.
 *
 * <pre>{@code
 * new MetricsOptions(10_000, Duration.ofMinutes(5));
 * }</pre>
 *
 * @param maxSeries most (syscall, comm, container) series kept, at least 1; pairs of further
 *     ones are folded into one overflow series per syscall (comm {@code [other]})
 * @param idle a series that saw no pair for this long is dropped with its histogram (its
 *     counters restart from 0 if it comes back, which Prometheus' rate() takes as a reset);
 *     at least 1 s
 */
public record MetricsOptions(int maxSeries, Duration idle) {
  /** 10,000 series, dropped after 5 minutes without a pair. */
  public static final MetricsOptions DEFAULTS = new MetricsOptions(10_000, Duration.ofMinutes(5));

  /**
   * Checks the limits.
   *
   * @param maxSeries most (syscall, comm, container) series kept, at least 1; pairs of further
   *     ones are folded into one overflow series per syscall (comm {@code [other]})
   * @param idle a series that saw no pair for this long is dropped with its histogram (its
   *     counters restart from 0 if it comes back, which Prometheus' rate() takes as a reset);
   *     at least 1 s
   * @throws IllegalArgumentException when maxSeries is below 1 or idle is under 1 s
   */
  public MetricsOptions {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("the series cap must be at least 1, got " + maxSeries);
    }
    if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the idle time must be at least 1 s, got " + idle);
    }
  }
}
