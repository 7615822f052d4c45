// SPDX-License-Identifier: Apache-2.0
/**
 * Metrics of traced syscalls for exporters such as {@code ior serve}: {@link
 * dev.ior.core.metrics.MetricsSink} counts calls, errors, bytes and latency histograms per
 * (syscall, comm, container) series on the consumer thread without locks or per-pair
 * allocation, caps and expires series, and hands immutable {@link
 * dev.ior.core.metrics.MetricsSnapshot}s to other threads. Nothing here knows Prometheus' wire
 * formats; the exporter maps snapshots onto its client library.
 */
package dev.ior.core.metrics;
