// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.stack.CallStack;

/**
 * Totals of the calls of one (syscall, file, user stack) combination whose stack was taken: what
 * the dashboard ranks to show which code did the I/O of a file or syscall. Calls whose stack the
 * policy did not take ({@link CallStack#NOT_TAKEN}) are not in any row, so the rows of a file sum
 * to at most that file's totals. Immutable.
 *
 * <pre>{@code
 * long fsyncNs = snapshot.stacks().stream().filter(s -> s.syscall().equals("fsync"))
 *     .mapToLong(StackStats::totalNs).sum();
 * }</pre>
 *
 * @param syscall syscall name
 * @param file file path, or {@code "(none)"} for calls without a file
 * @param stack the user stack, root first
 * @param count calls
 * @param totalNs summed latency, ns
 * @param bytes bytes read plus written
 */
public record StackStats(String syscall, String file, CallStack stack, long count, long totalNs,
    long bytes) {}
