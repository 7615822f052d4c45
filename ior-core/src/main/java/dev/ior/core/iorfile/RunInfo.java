// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import dev.ior.core.stats.TraceStats;
import java.util.List;
import java.util.Objects;

/**
 * The metadata of a run kept in a {@code .ior} file: where and when it ran, with which filters,
 * and what it saw and lost.
 *
 * <pre>{@code
 * RunInfo run = new RunInfo("earth", startEpochNs, stats.durationNs(), "0.1.0",
 *     RunFilters.of(config, attached), stats, List.of("-flamegraph", "-comm", "java"));
 * }</pre>
 *
 * @param host host name
 * @param startUnixNanos wall-clock start, ns since the Unix epoch
 * @param durationNanos length of the trace, ns
 * @param writerVersion version of the writing ior, "" when unknown
 * @param filters the run's filters
 * @param stats the run's counters, every loss separately
 * @param commandLine the arguments the run was started with
 */
public record RunInfo(String host, long startUnixNanos, long durationNanos, String writerVersion,
    RunFilters filters, TraceStats stats, List<String> commandLine) {
  /**
   * Checks the components; a null writer version is empty, the command line is copied.
   *
   * @param host host name
   * @param startUnixNanos wall-clock start, ns since the Unix epoch
   * @param durationNanos length of the trace, ns
   * @param writerVersion version of the writing ior, "" when unknown
   * @param filters the run's filters
   * @param stats the run's counters, every loss separately
   * @param commandLine the arguments the run was started with
   * @throws NullPointerException when host, filters, stats or commandLine is null
   */
  public RunInfo {
    Objects.requireNonNull(host, "host");
    writerVersion = writerVersion == null ? "" : writerVersion;
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(stats, "stats");
    commandLine = List.copyOf(commandLine);
  }
}
