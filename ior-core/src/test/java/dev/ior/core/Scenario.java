// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.event.PairRecord;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.decode.RecordWriter;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
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
  private final ByteBuffer buf = ByteBuffer.allocate(16384).order(ByteOrder.LITTLE_ENDIAN);
  private final RecordWriter w = new RecordWriter();
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
    feed(w.enterArgs(buf, sys(name), pid, tid, tick(), comm, a0, a1, a2));
    return this;
  }

  /** An fd call's enter whose descriptor the kernel saw as file {@code id}. */
  Scenario enterFd(int pid, int tid, String name, long fd, Ident id) {
    feed(w.enterFd(buf, sys(name), pid, tid, tick(), comm, fd, 0, 0, id, 0));
    return this;
  }

  Scenario enterPath(int pid, int tid, String name, int dirfd, String path, long flags) {
    feed(w.enterPath(buf, sys(name), pid, tid, tick(), comm, dirfd, path, flags, 0644));
    return this;
  }

  /** A path call's enter whose relative path the kernel saw starting at directory {@code base}. */
  Scenario enterPath(int pid, int tid, String name, int dirfd, String path, Ident base) {
    feed(w.enterPath(buf, sys(name), pid, tid, tick(), comm, dirfd, path, 0, 0, base, 0));
    return this;
  }

  /** A path call with an absolute path, which the kernel saw starting at the task's {@code root}. */
  Scenario enterRooted(int pid, int tid, String name, String path, Ident root) {
    feed(w.enterPath(buf, sys(name), pid, tid, tick(), comm, -100, path, 0, 0, root,
        RecordLayout.F_ROOT_BASE));
    return this;
  }

  Scenario enterName(int pid, int tid, String name, int odfd, String oldp, int ndfd, String newp) {
    feed(w.enterName(buf, sys(name), pid, tid, tick(), comm, odfd, oldp, ndfd, newp));
    return this;
  }

  Scenario exit(int pid, int tid, String name, long ret) {
    feed(w.exit(buf, sys(name), pid, tid, tick(), ret));
    return this;
  }

  /** An exit returning a new descriptor for file {@code opened}. */
  Scenario exit(int pid, int tid, String name, long ret, Ident opened) {
    feed(w.exit(buf, sys(name), pid, tid, tick(), ret, opened));
    return this;
  }

  /** An exit carrying the paths its enter could not read. */
  Scenario exitWithPaths(int pid, int tid, String name, long ret, String path) {
    feed(w.exitWithPaths(buf, sys(name), pid, tid, tick(), ret, path, null));
    return this;
  }

  /** The kernel names file {@code id}: components leaf first, as its walk reports them. */
  Scenario name(Ident id, String... leafFirst) {
    feed(w.name(buf, id, 0xEF53, 1, leafFirst));
    return this;
  }

  /** A name record of another filesystem ({@code magic}) or a deleted file ({@code nlink} 0). */
  Scenario name(Ident id, long magic, int nlink, String... leafFirst) {
    feed(w.name(buf, id, magic, nlink, leafFirst));
    return this;
  }

  /** An fd call's enter as the kernel sends it: {@code id} read from the fd table, none: closed. */
  Scenario kernelFd(int pid, int tid, String name, long fd, Ident id, int flags) {
    feed(w.enterFd(buf, sys(name), pid, tid, tick(), comm, fd, 0, 0, id,
        RecordLayout.F_IDENT | flags));
    return this;
  }

  /** A signal delivered to {@code tid} ({@code handler}: 0 default, 1 ignored, 2 runs). */
  Scenario signal(int pid, int tid, int sig, int handler, long saFlags) {
    feed(w.signal(buf, pid, tid, tick(), sig, handler, saFlags));
    return this;
  }

  /** {@code clone(CLONE_FILES)} without CLONE_THREAD: one descriptor table for both. */
  Scenario forkSharingFiles(int pid, int child) {
    feed(w.proc(buf, RecordLayout.KIND_PROC_FORK, RecordLayout.F_SHARED_FILES, pid, pid, tick(),
        comm, child, child));
    return this;
  }

  /** Makes the thread's next enter skip a sequence number, as a lost record does. */
  Scenario lose(int tid) {
    w.skipSeq(tid);
    return this;
  }

  static Ident id(long ino) {
    return new Ident().set(ino, 8 << 20 | 1, 7);
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
    feed(w.proc(buf, RecordLayout.KIND_PROC_EXEC, 0, pid, pid, tick(), newComm, 0, pid));
    comm = newComm;
    return this;
  }

  Scenario fork(int pid, int child) {
    feed(w.proc(buf, RecordLayout.KIND_PROC_FORK, 0, pid, pid, tick(), comm, child, child));
    return this;
  }

  Scenario taskExit(int pid, int tid) {
    feed(w.proc(buf, RecordLayout.KIND_TASK_EXIT, groupDead(pid, tid), pid, tid, tick(), comm, 0,
        0));
    return this;
  }

  /** Threads alive per process, to mark the last one's exit as the kernel does. */
  private final java.util.Map<Integer, Integer> threads = new java.util.HashMap<>();

  /** Declares {@code pid} has {@code n} threads alive (default 1). */
  Scenario threads(int pid, int n) {
    threads.put(pid, n);
    return this;
  }

  private int groupDead(int pid, int tid) {
    int left = threads.getOrDefault(pid, 1) - 1;
    threads.put(pid, left);
    return left <= 0 ? RecordLayout.F_GROUP_DEAD : 0;
  }

  PairRecord last() {
    return pairs.get(pairs.size() - 1);
  }
}
