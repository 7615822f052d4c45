// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;

/**
 * One syscall, its enter and exit paired, with the file it touched. Sinks receive a reused view
 * that is valid only during {@code PairSink.accept}; call {@link #copy()} to keep one.
 *
 * <pre>{@code
 * PairSink slowReads = pair -> {
 *   if (pair.syscall().name().equals("read") && pair.durationNs() > 1_000_000) {
 *     kept.add(pair.copy());
 *   }
 * };
 * }</pre>
 */
public interface SyscallPair {
  /** {@return the syscall} */
  Syscall syscall();

  /** {@return process id (tgid)} */
  int pid();

  /** {@return thread id} */
  int tid();

  /**
   * {@return the process's comm at the time of the call (the thread group leader's, as {@code ps -o
   * comm} shows), as the kernel captured it}
   */
  String comm();

  /**
   * {@return the calling thread's own comm ({@code prctl(PR_SET_NAME)}, JVM and pool thread names)}
   */
  String thread();

  /**
   * {@return the calling task's cgroup v2 id (the inode number of its cgroup directory); 0 if
   * unknown}
   */
  long cgroupId();

  /** {@return {@link PairMarks} bits: compat call, name looked up late, path cut} */
  int marks();

  /**
   * {@return whether the call came through the 32-bit (ia32) entry: {@code int $0x80}, a 32-bit
   * program}
   */
  default boolean compat() {
    return (marks() & PairMarks.COMPAT) != 0;
  }

  /** {@return enter time, CLOCK_MONOTONIC ns} */
  long enterNs();

  /** {@return exit time, CLOCK_MONOTONIC ns} */
  long exitNs();

  /** {@return latency: exit minus enter, ns} */
  default long durationNs() {
    return exitNs() - enterNs();
  }

  /**
   * {@return the call's user stack, root first; {@link CallStack#NOT_TAKEN} when the stack policy
   * did not take it (or stacks are off)}
   */
  default CallStack stack() {
    return CallStack.NOT_TAKEN;
  }

  /**
   * {@return time since the same thread's previous traced syscall returned, ns; 0 for its first
   * one}
   */
  long gapNs();

  /** {@return the return value: fd, byte count, 0, or a negative errno / kernel restart code} */
  long ret();

  /** {@return the descriptor the call operated on (the source for transfers), or -1} */
  int fd();

  /**
   * {@return the file the call touched (absolute where it could be resolved), or null when unknown}
   */
  String file();

  /**
   * {@return the second file: the new name of rename/link/symlink, the destination of transfers; or
   * null}
   */
  String file2();

  /**
   * {@return the process's root directory in the host's view when it is not the host's root (after
   * a {@code chroot}), else null} {@link #file()} is always in the host's view; see {@link
   * #ownFile()} for the process's own.
   */
  default String root() {
    return null;
  }

  /**
   * {@return the file as the process itself names it, below its {@link #root()}: {@code /data} for
   * the host's {@code /srv/jail/data} in a process chrooted to {@code /srv/jail}} Null when the
   * process's root is the host's (the views agree) or the file is not below its root (an fd opened
   * before the chroot). Computed on each call.
   */
  default String ownFile() {
    String root = root();
    String f = file();
    if (root == null || f == null || !f.startsWith(root)) {
      return null;
    }
    if (f.length() == root.length()) {
      return "/";
    }
    return f.charAt(root.length()) == '/' ? f.substring(root.length()) : null;
  }

  /**
   * Open flags: for open calls the flags passed; for fd calls the flags the fd was opened with
   * (as far as known, -1 when unknown); for other calls their flags argument or 0.
   *
   * @return the flags ({@code O_*} bits), 0, or -1 when unknown
   */
  int flags();

  /**
   * {@return bytes read, written or transferred by a successful call of the read/write/transfer
   * family}
   */
  long bytes();

  /** {@return whether the call failed (negative return that is not a kernel restart code)} */
  default boolean failed() {
    return ret() < 0 && !Errno.isRestart(ret());
  }

  /**
   * {@return one strace-like line: {@code openat(/tmp/a.txt) = 3 <12.3 us> iorwl@42.43}, with the
   * fd and the second file where the call has them, e.g. {@code write(3</tmp/a.txt>) = 100 <2.1 us>
   * ...} or {@code rename(/a -> /b) = 0 ...}; an error shows its name ({@code = -2 ENOENT})}
   *
   * @param p the pair to describe
   */
  static String describe(SyscallPair p) {
    StringBuilder b = new StringBuilder(96);
    b.append(p.syscall() == null ? "?" : p.syscall().name()).append('(');
    boolean opens = p.syscall() != null && p.syscall().opensFd();
    if (p.fd() >= 0 && !opens) {
      b.append(p.fd()).append('<').append(p.file() == null ? "?" : p.file()).append('>');
    } else if (p.file() != null) {
      b.append(p.file());
    }
    if (p.file2() != null) {
      b.append(" -> ").append(p.file2());
    }
    b.append(") = ").append(p.ret());
    if (p.ret() < 0) {
      b.append(' ').append(Errno.name(p.ret()));
    }
    b.append(String.format(java.util.Locale.ROOT, " <%.1f us> ", p.durationNs() / 1e3))
        .append(p.comm()).append('@').append(p.pid()).append('.').append(p.tid());
    return b.toString();
  }

  /** {@return an immutable copy, its stack included} */
  default PairRecord copy() {
    return new PairRecord(syscall(), pid(), tid(), comm(), enterNs(), exitNs(), gapNs(), ret(),
        fd(), file(), file2(), flags(), bytes(), thread(), cgroupId(), marks(), stack(), root());
  }
}
