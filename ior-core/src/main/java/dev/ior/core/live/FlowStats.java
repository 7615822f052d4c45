// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

/**
 * Totals of one (process, syscall, file) combination: the leaves a live flame graph is built
 * from, in whatever frame order the viewer chooses. Immutable.
 *
 * <pre>{@code
 * long bytes = snapshot.flows().stream().mapToLong(FlowStats::bytes).sum();
 * }</pre>
 *
 * @param comm process name
 * @param pid process id
 * @param syscall syscall name
 * @param file file path, or {@code "(none)"} for calls without a file
 * @param count calls
 * @param totalNs summed latency, ns
 * @param bytes bytes read plus written
 */
public record FlowStats(String comm, int pid, String syscall, String file, long count,
    long totalNs, long bytes) {}
