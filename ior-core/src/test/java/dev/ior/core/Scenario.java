// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.decode.RecordLayout;
import dev.ior.core.decode.RecordWriter;
import dev.ior.core.event.PairRecord;
import dev.ior.core.fd.ProcFs;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Test helper: encodes records as the kernel would and runs them through a pipeline. */
final class Scenario {
  static final SyscallTable TABLE = SyscallTable.standard();
  static final int AT_FDCWD = -100;

  final List<PairRecord> pairs = new ArrayList<>();
  final TracePipeline pipeline;
  private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
  private long clock = 1_000;
  String comm = "work";

  Scenario() {
    this(PairFilter.NONE, ProcFs.EMPTY);
  }

  Scenario(PairFilter filter, ProcFs procfs) {
    pipeline = new TracePipeline(TABLE, filter, procfs, p -> pairs.add(p.copy()));
  }

  static Syscall sys(String name) {
    Syscall s = TABLE.byName(name);
    if (s == null) {
      throw new IllegalArgumentException("no syscall " + name);
    }
    return s;
  }

  private long tick() {
    clock += 100;
    return clock;
  }

  private void feed(int size) {
    pipeline.accept(buf, 0, size);
    buf.clear();
  }

  Scenario enterArgs(int pid, int tid, String name, long a0, long a1, long a2) {
    feed(RecordWriter.enterArgs(buf, sys(name), pid, tid, tick(), comm, a0, a1, a2));
    return this;
  }

  Scenario enterPath(int pid, int tid, String name, int dirfd, String path, long flags) {
    feed(RecordWriter.enterPath(buf, sys(name), pid, tid, tick(), comm, dirfd, path, flags, 0644));
    return this;
  }

  Scenario enterName(int pid, int tid, String name, int odfd, String oldp, int ndfd, String newp) {
    feed(RecordWriter.enterName(buf, sys(name), pid, tid, tick(), comm, odfd, oldp, ndfd, newp));
    return this;
  }

  Scenario exit(int pid, int tid, String name, long ret) {
    feed(RecordWriter.exit(buf, sys(name), pid, tid, tick(), ret));
    return this;
  }

  /** A whole fd-shaped call. */
  Scenario call(int pid, int tid, String name, long a0, long a1, long a2, long ret) {
    return enterArgs(pid, tid, name, a0, a1, a2).exit(pid, tid, name, ret);
  }

  Scenario call(int pid, String name, long fd, long ret) {
    return call(pid, pid, name, fd, 0, 0, ret);
  }

  /** openat(AT_FDCWD, path, flags) = ret. */
  Scenario open(int pid, String path, long flags, long ret) {
    return enterPath(pid, pid, "openat", AT_FDCWD, path, flags).exit(pid, pid, "openat", ret);
  }

  Scenario exec(int pid, String newComm) {
    feed(RecordWriter.proc(buf, RecordLayout.KIND_PROC_EXEC, pid, pid, tick(), newComm, 0));
    comm = newComm;
    return this;
  }

  Scenario fork(int pid, int child) {
    feed(RecordWriter.proc(buf, RecordLayout.KIND_PROC_FORK, pid, pid, tick(), comm, child));
    return this;
  }

  Scenario taskExit(int pid, int tid) {
    feed(RecordWriter.proc(buf, RecordLayout.KIND_TASK_EXIT, pid, tid, tick(), comm, 0));
    return this;
  }

  PairRecord last() {
    return pairs.get(pairs.size() - 1);
  }
}
