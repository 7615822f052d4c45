// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

import dev.ior.core.syscall.Syscall;

/**
 * A decoded enter record. Mutable and reused: the decoder fills one for each enter, and the
 * pairing keeps one per thread until the exit arrives, so decoding allocates nothing.
 */
public final class EnterRecord {
  /** The syscall, never null once decoded. */
  public Syscall syscall;
  public int pid;
  public int tid;
  public long timeNs;
  public String comm;
  /** ENTER_ARGS: the arguments chosen by the syscall table; the first is the fd. */
  public long arg0;
  public long arg1;
  public long arg2;
  /** ENTER_PATH: dirfd, path (null when unreadable), flags, mode. ENTER_NAME: old name here. */
  public int dirfd;
  public String path;
  public long flags;
  public long mode;
  /** ENTER_NAME: the new name and its dirfd. */
  public int dirfd2;
  public String path2;

  /** Copies every field of {@code o}. */
  public void copyFrom(EnterRecord o) {
    syscall = o.syscall;
    pid = o.pid;
    tid = o.tid;
    timeNs = o.timeNs;
    comm = o.comm;
    arg0 = o.arg0;
    arg1 = o.arg1;
    arg2 = o.arg2;
    dirfd = o.dirfd;
    path = o.path;
    flags = o.flags;
    mode = o.mode;
    dirfd2 = o.dirfd2;
    path2 = o.path2;
  }

  void clearArgs() {
    arg0 = -1;
    arg1 = 0;
    arg2 = 0;
    dirfd = 0;
    path = null;
    flags = 0;
    mode = 0;
    dirfd2 = 0;
    path2 = null;
  }
}
