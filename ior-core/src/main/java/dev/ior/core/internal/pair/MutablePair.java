// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.pair;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;

/**
 * The reused {@link SyscallPair} view handed to sinks; filled by the pipeline per pair. A view
 * the pipeline has {@link #expire() expired} (its sink call returned) refuses to be read: a sink
 * that kept it instead of a {@link #copy()} fails at once instead of silently reading a later pair
 * (checked on the reading thread; a read from another thread is caught on a best-effort basis).
 */
public final class MutablePair implements SyscallPair {
  private boolean expired;
  public Syscall syscall;
  public int pid;
  public int tid;
  public String comm;
  public long enterNs;
  public long exitNs;
  public long gapNs;
  public long ret;
  public int fd;
  public String file;
  public String file2;
  public int flags;
  public long bytes;
  public String thread;
  public long cgroupId;
  public int marks;
  /** The process's root in the host's view after a chroot, else null ({@link #root()}). */
  public String root;
  public CallStack stack = CallStack.NOT_TAKEN;

  /** Makes the view readable again (the pipeline, before it fills it for the next pair). */
  public void renew() {
    expired = false;
  }

  /** Makes the view unreadable until {@link #renew()} (the pipeline, after the sinks' call). */
  public void expire() {
    expired = true;
  }

  private void check() {
    if (expired) {
      throw new IllegalStateException("a pair view was read after PairSink.accept returned: the"
          + " pipeline reuses it for the next pair; keep pair.copy() instead");
    }
  }

  /** An immutable copy of the current pair. */
  @Override
  public PairRecord copy() {
    check();
    return new PairRecord(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file, file2,
        flags, bytes, thread, cgroupId, marks, stack, root);
  }

  /** The pair as one strace-like line (see {@link SyscallPair#describe}); "(expired view)" once kept. */
  @Override
  public String toString() {
    return expired ? "(expired pair view: keep pair.copy())" : SyscallPair.describe(this);
  }

  /** Overwrites every field with {@code p}'s. */
  public void set(SyscallPair p) {
    syscall = p.syscall();
    pid = p.pid();
    tid = p.tid();
    comm = p.comm();
    enterNs = p.enterNs();
    exitNs = p.exitNs();
    gapNs = p.gapNs();
    ret = p.ret();
    fd = p.fd();
    file = p.file();
    file2 = p.file2();
    flags = p.flags();
    bytes = p.bytes();
    thread = p.thread();
    cgroupId = p.cgroupId();
    marks = p.marks();
    root = p.root();
    stack = p.stack();
  }

  @Override
  public CallStack stack() {
    check();
    return stack;
  }

  @Override
  public String root() {
    check();
    return root;
  }

  @Override
  public String thread() {
    check();
    return thread;
  }

  @Override
  public long cgroupId() {
    check();
    return cgroupId;
  }

  @Override
  public int marks() {
    check();
    return marks;
  }

  @Override
  public Syscall syscall() {
    check();
    return syscall;
  }

  @Override
  public int pid() {
    check();
    return pid;
  }

  @Override
  public int tid() {
    check();
    return tid;
  }

  @Override
  public String comm() {
    check();
    return comm;
  }

  @Override
  public long enterNs() {
    check();
    return enterNs;
  }

  @Override
  public long exitNs() {
    check();
    return exitNs;
  }

  @Override
  public long gapNs() {
    check();
    return gapNs;
  }

  @Override
  public long ret() {
    check();
    return ret;
  }

  @Override
  public int fd() {
    check();
    return fd;
  }

  @Override
  public String file() {
    check();
    return file;
  }

  @Override
  public String file2() {
    check();
    return file2;
  }

  @Override
  public int flags() {
    check();
    return flags;
  }

  @Override
  public long bytes() {
    check();
    return bytes;
  }
}
