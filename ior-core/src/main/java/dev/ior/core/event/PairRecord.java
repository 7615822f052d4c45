// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;

/**
 * An immutable {@link SyscallPair}, as returned by {@link SyscallPair#copy()}; safe to keep and
 * to hand to other threads. It keeps the call's user stack ({@link CallStack} is immutable and
 * shared), so a kept pair shows the same stack as the view it was copied from.
 *
 * <pre>{@code
 * PairRecord kept = pair.copy();
 * }</pre>
 */
public record PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs,
    long exitNs, long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
    String thread, long cgroupId, int marks, CallStack stack, String root)
    implements SyscallPair {

  /** A null stack means none was taken: {@link CallStack#NOT_TAKEN}. */
  public PairRecord {
    stack = stack == null ? CallStack.NOT_TAKEN : stack;
  }

  /** A pair whose stack was not taken. */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
      String thread, long cgroupId, int marks) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes,
        thread, cgroupId, marks, CallStack.NOT_TAKEN, null);
  }

  /** A pair of a process whose root is the host's ({@link SyscallPair#root()} null). */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
      String thread, long cgroupId, int marks, CallStack stack) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes,
        thread, cgroupId, marks, stack, null);
  }

  /**
   * A pair of a process whose only thread is named like it, outside any cgroup, no marks, no
   * stack.
   */
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
