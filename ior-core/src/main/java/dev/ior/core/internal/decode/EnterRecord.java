// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

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
  /** Per-thread sequence number; the exit of this call carries the same. */
  public int seq;
  /** {@code IOR_F_*} flags of the record (compat, path late, path cut). */
  public int flags;
  /** The task's cgroup v2 id. */
  public long cgroupId;
  /** The process's comm (the thread group leader's). */
  public String comm;
  /** The thread's own comm. */
  public String thread;
  /** FD shape: the integer arguments of the table's args column; the first is the fd. */
  public long arg0;
  public long arg1;
  public long arg2;
  public long arg3;
  /** Path shapes: dirfd ({@code arg0}), open flags, mode; NAME: new dirfd in {@code dirfd2}. */
  public int dirfd;
  public int dirfd2;
  public long openFlags;
  public long mode;
  /** Path shapes: the path (null when unreadable); NAME: the old name here, new in path2. */
  public String path;
  public String path2;
  /** FD shape: arg0's file; path shapes: the directory a relative path starts from. */
  public final Ident file = new Ident();
  /** FD shape with two fds: arg1's file; NAME: the new name's base directory. */
  public final Ident file2 = new Ident();

  /** Whether the call came through the 32-bit (ia32) entry. */
  public boolean compat() {
    return (flags & RecordLayout.F_COMPAT) != 0;
  }

  /** Copies every field of {@code o}. */
  public void copyFrom(EnterRecord o) {
    syscall = o.syscall;
    pid = o.pid;
    tid = o.tid;
    timeNs = o.timeNs;
    seq = o.seq;
    flags = o.flags;
    cgroupId = o.cgroupId;
    comm = o.comm;
    thread = o.thread;
    arg0 = o.arg0;
    arg1 = o.arg1;
    arg2 = o.arg2;
    arg3 = o.arg3;
    dirfd = o.dirfd;
    dirfd2 = o.dirfd2;
    openFlags = o.openFlags;
    mode = o.mode;
    path = o.path;
    path2 = o.path2;
    file.copyFrom(o.file);
    file2.copyFrom(o.file2);
  }
}
