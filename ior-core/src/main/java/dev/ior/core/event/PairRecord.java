// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

import dev.ior.core.syscall.Syscall;

/**
 * An immutable {@link SyscallPair}, as returned by {@link SyscallPair#copy()}; safe to keep and
 * to hand to other threads.
 *
 * <pre>{@code
 * PairRecord kept = pair.copy();
 * }</pre>
 */
public record PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs,
    long exitNs, long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
    String thread, long cgroupId, int marks, String root) implements SyscallPair {

  /** A pair of a process whose root is the host's ({@link SyscallPair#root()} null). */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
      String thread, long cgroupId, int marks) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes,
        thread, cgroupId, marks, null);
  }

  /** A pair of a process whose only thread is named like it, outside any cgroup, no marks. */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes, comm,
        0, 0);
  }

  @Override
  public PairRecord copy() {
    return this;
  }

  /** One strace-like line ({@link SyscallPair#describe}). */
  @Override
  public String toString() {
    return SyscallPair.describe(this);
  }
}
