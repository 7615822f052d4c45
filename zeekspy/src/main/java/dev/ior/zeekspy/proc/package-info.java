// SPDX-License-Identifier: Apache-2.0
/**
 * Access to another process: {@code /proc/PID/maps}, batched memory reads with
 * {@code process_vm_readv} behind the {@link dev.ior.zeekspy.proc.RemoteMemory} interface, and
 * stopping the target per sample with ptrace.
 */
package dev.ior.zeekspy.proc;
