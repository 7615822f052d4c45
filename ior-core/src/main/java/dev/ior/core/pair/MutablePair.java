// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.pair;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;

/** The reused {@link SyscallPair} view handed to sinks; filled by the pipeline per pair. */
public final class MutablePair implements SyscallPair {
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
  public CallStack stack = CallStack.NOT_TAKEN;

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
    stack = p.stack();
  }

  @Override
  public CallStack stack() {
    return stack;
  }

  @Override
  public String thread() {
    return thread;
  }

  @Override
  public long cgroupId() {
    return cgroupId;
  }

  @Override
  public int marks() {
    return marks;
  }

  @Override
  public Syscall syscall() {
    return syscall;
  }

  @Override
  public int pid() {
    return pid;
  }

  @Override
  public int tid() {
    return tid;
  }

  @Override
  public String comm() {
    return comm;
  }

  @Override
  public long enterNs() {
    return enterNs;
  }

  @Override
  public long exitNs() {
    return exitNs;
  }

  @Override
  public long gapNs() {
    return gapNs;
  }

  @Override
  public long ret() {
    return ret;
  }

  @Override
  public int fd() {
    return fd;
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public String file2() {
    return file2;
  }

  @Override
  public int flags() {
    return flags;
  }

  @Override
  public long bytes() {
    return bytes;
  }
}
