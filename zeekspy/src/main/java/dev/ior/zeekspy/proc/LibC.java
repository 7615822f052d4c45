// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The few libc calls zeekspy needs, bound with JNA direct mapping (the cheapest JNA call path).
 * Pointers are passed as {@code long} addresses so no JNA objects are created per call; errno is
 * read with {@link Native#getLastError()} right after a failing call on the same thread.
 */
final class LibC {
  static final int EPERM = 1;
  static final int ESRCH = 3;
  static final int EINTR = 4;
  static final int EFAULT = 14;
  static final int ECHILD = 10;
  static final int ENOMEM = 12;
  static final int EIO = 5;

  static final int PTRACE_CONT = 7;
  static final int PTRACE_DETACH = 17;
  static final int PTRACE_SEIZE = 0x4206;
  static final int PTRACE_INTERRUPT = 0x4207;
  static final int WALL = 0x40000000;

  static {
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  /** ssize_t process_vm_readv(pid_t, const struct iovec *local, unsigned long liovcnt, ...). */
  static native long process_vm_readv(
      int pid, long localIov, long localCount, long remoteIov, long remoteCount, long flags);

  /**
   * long ptrace(enum __ptrace_request, pid_t, void *addr, void *data). glibc declares it variadic;
   * a fixed four-argument binding is ABI-compatible on x86-64 and aarch64.
   */
  static native long ptrace(int request, int pid, long addr, long data);

  /** pid_t waitpid(pid_t, int *status, int options). */
  static native int waitpid(int pid, int[] status, int options);

  /** The errno of the last failed call on this thread. */
  static int errno() {
    return Native.getLastError();
  }

  /** strerror-like text for the errnos zeekspy reports. */
  static String describe(int errno) {
    switch (errno) {
      case EPERM: return "operation not permitted (EPERM)";
      case ESRCH: return "no such process (ESRCH)";
      case EFAULT: return "bad address (EFAULT)";
      case ENOMEM: return "out of memory (ENOMEM)";
      case ECHILD: return "no such child (ECHILD)";
      case EIO: return "I/O error (EIO)";
      default: return "errno " + errno;
    }
  }
}
