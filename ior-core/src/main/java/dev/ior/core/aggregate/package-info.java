// SPDX-License-Identifier: Apache-2.0
/**
 * Aggregation of paired syscalls for flame graphs and {@code .ior} files: {@link
 * dev.ior.core.aggregate.AggregatingSink} sums pairs into a flat {@link
 * dev.ior.core.aggregate.AggregateTable} keyed by (path, syscall, comm, pid, tid, flags,
 * cgroup), whose rows ({@link dev.ior.core.aggregate.AggregateRow}) the projection turns into
 * stack profiles.
 */
package dev.ior.core.aggregate;
