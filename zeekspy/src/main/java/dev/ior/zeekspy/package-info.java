// SPDX-License-Identifier: Apache-2.0
/**
 * zeekspy: a sampling profiler of a running Zeek's script call stack. {@link
 * dev.ior.zeekspy.ZeekSpy} is the entry point: {@code open} resolves the process (executable,
 * symbols, version, layout), {@code start} samples on a dedicated thread, {@code stop} returns a
 * {@link dev.ior.flamegraph.profile.StackProfile} for the flamegraph module's writers.
 *
 * <p>Packages by concern: {@code elf} (symbol tables), {@code proc} (/proc maps, memory reads,
 * ptrace), {@code layout} (structure offsets as data), {@code target} (resolving a pid), {@code
 * sample} (stack walking, validation, the sampling loop), {@code profile} (aggregation).
 */
package dev.ior.zeekspy;
