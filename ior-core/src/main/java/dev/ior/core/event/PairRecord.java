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
 *
 * @param syscall the syscall ({@link SyscallPair#syscall()})
 * @param pid process id (tgid)
 * @param tid thread id
 * @param comm the process's comm at the time of the call ({@link SyscallPair#comm()})
 * @param enterNs enter time, CLOCK_MONOTONIC ns
 * @param exitNs exit time, CLOCK_MONOTONIC ns, >= enterNs
 * @param gapNs time since the thread's previous traced syscall returned, ns; 0 for its first
 * @param ret the return value: fd, byte count, 0, or a negative errno / kernel restart code
 * @param fd the descriptor the call operated on, or -1
 * @param file the file the call touched, or null when unknown ({@link SyscallPair#file()})
 * @param file2 the second file (rename target, transfer destination), or null
 * @param flags open flags, -1 when unknown ({@link SyscallPair#flags()})
 * @param bytes bytes read, written or transferred by a successful call, else 0
 * @param thread the calling thread's own comm
 * @param cgroupId the calling task's cgroup v2 id; 0 if unknown
 * @param marks {@link PairMarks} bits
 * @param stack the call's user stack; null means {@link CallStack#NOT_TAKEN}
 * @param root the process's root directory in the host's view, or null for the host's root
 */
public record PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs,
    long exitNs, long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
    String thread, long cgroupId, int marks, CallStack stack, String root)
    implements SyscallPair {

  /**
   * A null stack means none was taken: {@link CallStack#NOT_TAKEN}.
   *
   * @param syscall the syscall ({@link SyscallPair#syscall()})
   * @param pid process id (tgid)
   * @param tid thread id
   * @param comm the process's comm at the time of the call ({@link SyscallPair#comm()})
   * @param enterNs enter time, CLOCK_MONOTONIC ns
   * @param exitNs exit time, CLOCK_MONOTONIC ns, >= enterNs
   * @param gapNs time since the thread's previous traced syscall returned, ns; 0 for its first
   * @param ret the return value: fd, byte count, 0, or a negative errno / kernel restart code
   * @param fd the descriptor the call operated on, or -1
   * @param file the file the call touched, or null when unknown ({@link SyscallPair#file()})
   * @param file2 the second file (rename target, transfer destination), or null
   * @param flags open flags, -1 when unknown ({@link SyscallPair#flags()})
   * @param bytes bytes read, written or transferred by a successful call, else 0
   * @param thread the calling thread's own comm
   * @param cgroupId the calling task's cgroup v2 id; 0 if unknown
   * @param marks {@link PairMarks} bits
   * @param stack the call's user stack; null means {@link CallStack#NOT_TAKEN}
   * @param root the process's root directory in the host's view, or null for the host's root
   */
  public PairRecord {
    stack = stack == null ? CallStack.NOT_TAKEN : stack;
  }

  /**
   * A pair whose stack was not taken.
   *
   * @param syscall the syscall ({@link SyscallPair#syscall()})
   * @param pid process id (tgid)
   * @param tid thread id
   * @param comm the process's comm at the time of the call ({@link SyscallPair#comm()})
   * @param enterNs enter time, CLOCK_MONOTONIC ns
   * @param exitNs exit time, CLOCK_MONOTONIC ns, >= enterNs
   * @param gapNs time since the thread's previous traced syscall returned, ns; 0 for its first
   * @param ret the return value: fd, byte count, 0, or a negative errno / kernel restart code
   * @param fd the descriptor the call operated on, or -1
   * @param file the file the call touched, or null when unknown ({@link SyscallPair#file()})
   * @param file2 the second file (rename target, transfer destination), or null
   * @param flags open flags, -1 when unknown ({@link SyscallPair#flags()})
   * @param bytes bytes read, written or transferred by a successful call, else 0
   * @param thread the calling thread's own comm
   * @param cgroupId the calling task's cgroup v2 id; 0 if unknown
   * @param marks {@link PairMarks} bits
   */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
      String thread, long cgroupId, int marks) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes,
        thread, cgroupId, marks, CallStack.NOT_TAKEN, null);
  }

  /**
   * A pair of a process whose root is the host's ({@link SyscallPair#root()} null).
   *
   * @param syscall the syscall ({@link SyscallPair#syscall()})
   * @param pid process id (tgid)
   * @param tid thread id
   * @param comm the process's comm at the time of the call ({@link SyscallPair#comm()})
   * @param enterNs enter time, CLOCK_MONOTONIC ns
   * @param exitNs exit time, CLOCK_MONOTONIC ns, >= enterNs
   * @param gapNs time since the thread's previous traced syscall returned, ns; 0 for its first
   * @param ret the return value: fd, byte count, 0, or a negative errno / kernel restart code
   * @param fd the descriptor the call operated on, or -1
   * @param file the file the call touched, or null when unknown ({@link SyscallPair#file()})
   * @param file2 the second file (rename target, transfer destination), or null
   * @param flags open flags, -1 when unknown ({@link SyscallPair#flags()})
   * @param bytes bytes read, written or transferred by a successful call, else 0
   * @param thread the calling thread's own comm
   * @param cgroupId the calling task's cgroup v2 id; 0 if unknown
   * @param marks {@link PairMarks} bits
   * @param stack the call's user stack; null means {@link CallStack#NOT_TAKEN}
   */
  public PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs, long exitNs,
      long gapNs, long ret, int fd, String file, String file2, int flags, long bytes,
      String thread, long cgroupId, int marks, CallStack stack) {
    this(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2, flags, bytes,
        thread, cgroupId, marks, stack, null);
  }

  /**
   * A pair of a process whose only thread is named like it, outside any cgroup, no marks, no
   * stack.
   *
   * @param syscall the syscall ({@link SyscallPair#syscall()})
   * @param pid process id (tgid)
   * @param tid thread id
   * @param comm the process's comm at the time of the call ({@link SyscallPair#comm()})
   * @param enterNs enter time, CLOCK_MONOTONIC ns
   * @param exitNs exit time, CLOCK_MONOTONIC ns, >= enterNs
   * @param gapNs time since the thread's previous traced syscall returned, ns; 0 for its first
   * @param ret the return value: fd, byte count, 0, or a negative errno / kernel restart code
   * @param fd the descriptor the call operated on, or -1
   * @param file the file the call touched, or null when unknown ({@link SyscallPair#file()})
   * @param file2 the second file (rename target, transfer destination), or null
   * @param flags open flags, -1 when unknown ({@link SyscallPair#flags()})
   * @param bytes bytes read, written or transferred by a successful call, else 0
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
