// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.run;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** The libc calls running a traced command needs (JNA direct mapping). */
final class Posix {
  static final int SIGINT = 2;
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  static final int SIGCONT = 18;
  /** prctl option: orphaned descendants are re-parented to this process instead of init. */
  static final int PR_SET_CHILD_SUBREAPER = 36;

  static {
    Native.register(Posix.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private Posix() {}

  /** int kill(pid_t, int sig). */
  static native int kill(int pid, int sig);

  /** int prctl(int option, unsigned long arg2, ...): a fixed five-argument binding. */
  static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);
}
