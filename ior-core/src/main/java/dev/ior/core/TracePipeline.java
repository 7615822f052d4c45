// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.event.Errno;
import dev.ior.core.event.PairMarks;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.EnterRecord;
import dev.ior.core.internal.decode.ExitRecord;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.decode.RecordDecoder;
import dev.ior.core.internal.decode.RecordHandler;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.fd.FileTracker;
import dev.ior.core.internal.fd.ProcessTable;
import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.internal.util.IntMap;
import dev.ior.core.record.StackNamesRecord;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.FileMapping;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.stack.StackTable;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.nio.ByteBuffer;

/**
 * Records in, pairs out: decode → pair enter/exit per thread → file tracking → filter → sink.
 * Synchronous, single-threaded, no I/O of its own except {@link ProcFs} lookups for files the
 * kernel did not name; allocation-free per record in steady state. The live tracer (ior-bpf)
 * feeds it from the ring buffer; tests and replays feed it bytes.
 *
 * <p>An enter and an exit are paired only when the exit carries the enter's per-thread sequence
 * number: when the ring dropped records in between, the halves of two different calls are never
 * joined into a call that did not happen (counted as {@link LossKind#ACROSS_LOSS}).
 *
 * <pre>{@code
 * TracePipeline p = new TracePipeline(SyscallTable.standard(), PairFilter.NONE, ProcFs.EMPTY,
 *     pair -> System.out.println(pair.copy()));
 * p.accept(records, offset, length);   // once per ring-buffer record, little-endian
 * p.finish();
 * TraceStats stats = p.stats();
 * }</pre>
 */
public final class TracePipeline implements RecordHandler {
  private final RecordDecoder decoder;
  private final FileTracker files;
  private final PairFilter filter;
  private final PairSink sink;
  private final IntMap<ThreadState> threads = new IntMap<>(256);
  private final MutablePair pair = new MutablePair();
  private final StackTable stacks;
  /** Calls that end the thread or replace the image: no exit record is due. */
  private final int exitId;
  private final int exitGroupId;
  private final int uringEnterId;

  private long records;
  private long enters;
  private long exits;
  private long names;
  private long malformed;
  private long pairs;
  private long emitted;
  private long restarts;
  private long interrupted;
  private long refused;
  private long failed;
  private long entersWithoutExit;
  private long exitsWithoutEnter;
  private long mismatched;
  private long straddled;
  private long inFlightAtStop;
  private long compat;
  private long pathsCut;
  private long bytesRead;
  private long bytesWritten;
  private long bytesTransferred;
  private long uringEnters;
  private long uringSubmitted;

  /** Per-thread pairing state. */
  private static final class ThreadState {
    final EnterRecord enter = new EnterRecord();
    boolean pending;
    long lastExitNs;
    /**
     * The restart code (-512..-516) the thread's last call returned, until the kernel's decision
     * (a signal record, or the thread's next call) is known; 0: none pending.
     */
    long restartCode;
    /** The user stack of the pending call, when an IOR_STACK record came for it. */
    boolean hasStack;
    int stackSeq;
    int stackId;
    long stackSpWord;
  }

  /**
   * A pipeline feeding {@code sink} with the pairs that pass {@code filter}.
   *
   * @param table ior's syscall table, naming the records' ids
   * @param filter the user-space filter (pid, tid, comm, path)
   * @param procfs last resort for descriptors the records do not name ({@code ProcFs.EMPTY}: none)
   * @param sink receives the pairs that pass
   */
  public TracePipeline(SyscallTable table, PairFilter filter, ProcFs procfs, PairSink sink) {
    this(table, filter, procfs, sink, StackResolver.NONE);
  }

  /**
   * Like the other constructor, naming the user stacks of calls through {@code stacks}.
   *
   * @param table ior's syscall table, naming the records' ids
   * @param filter the user-space filter (pid, tid, comm, path)
   * @param procfs last resort for descriptors the records do not name ({@code ProcFs.EMPTY}: none)
   * @param sink receives the pairs that pass
   * @param stacks names the stack ids of exit records
   */
  public TracePipeline(SyscallTable table, PairFilter filter, ProcFs procfs, PairSink sink,
      StackResolver stacks) {
    this.stacks = new StackTable(stacks);
    this.decoder = new RecordDecoder(table);
    this.files = new FileTracker(table, new ProcessTable(procfs));
    this.filter = filter;
    this.sink = sink;
    this.exitId = idOf(table, "exit");
    this.exitGroupId = idOf(table, "exit_group");
    this.uringEnterId = idOf(table, "io_uring_enter");
  }

  private static int idOf(SyscallTable table, String name) {
    Syscall s = table.byName(name);
    return s == null ? -1 : s.id();
  }

  /**
   * Processes one record at {@code buf[offset, offset + length)} (little-endian buffer).
   *
   * @param buf the buffer holding the record (little-endian)
   * @param offset where the record starts, bytes
   * @param length the record's length, bytes
   */
  public void accept(ByteBuffer buf, int offset, int length) {
    records++;
    if (StackNamesRecord.is(buf, offset, length)) {
      // Written by user space into recordings, not by the kernel: the decoder knows only the
      // kernel's kinds.
      StackNamesRecord.Names n = StackNamesRecord.read(buf, offset, length);
      if (n != null) {
        stacks.learn(n.pid(), n.stackId(), n.spWord(), n.stack());
      } else {
        malformed(StackNamesRecord.KIND, length);
      }
      return;
    }
    decoder.decode(buf, offset, length, this);
  }

  private ThreadState thread(int tid) {
    ThreadState t = threads.get(tid);
    if (t == null) {
      t = new ThreadState();
      threads.put(tid, t);
    }
    return t;
  }

  @Override
  public void enter(EnterRecord e) {
    enters++;
    ThreadState t = thread(e.tid);
    // No handler ran since the restart code (no signal record said so): the kernel restarted it.
    t.restartCode = 0;
    if (t.pending) {
      entersWithoutExit++;
    }
    t.enter.copyFrom(e);
    t.pending = true;
  }

  /**
   * The kernel delivers a signal after a call returned -ERESTART*: as the kernel's {@code
   * handle_signal} decides, a handler that runs turns -ERESTARTNOHAND and
   * -ERESTART_RESTARTBLOCK into EINTR, and -ERESTARTSYS too unless {@code SA_RESTART} is set;
   * -ERESTARTNOINTR is always restarted. A signal without a handler (ignored, default) decides
   * nothing; with no handler before the thread's next call, the call was restarted.
   */
  @Override
  public void signal(int pid, int tid, long timeNs, int sig, int handler, long saFlags) {
    ThreadState t = threads.get(tid);
    if (t == null || t.restartCode == 0 || handler != Errno.HANDLER_RUNS) {
      return;
    }
    if (Errno.interruptedBy(t.restartCode, saFlags)) {
      interrupted++;
    }
    t.restartCode = 0;
  }

  @Override
  public void exit(ExitRecord x) {
    exits++;
    ThreadState t = threads.get(x.tid);
    if (t == null || !t.pending) {
      exitsWithoutEnter++;
      return;
    }
    t.pending = false;
    EnterRecord e = t.enter;
    if (e.seq != x.seq) {
      straddled++;
      return;
    }
    if (e.syscall.id() != x.sys) {
      mismatched++;
      return;
    }
    if (x.hasPaths) {
      e.path = e.path == null ? x.path : e.path;
      e.path2 = e.path2 == null ? x.path2 : e.path2;
      e.flags |= x.flags & RecordLayout.F_PATH_CUT;
    }
    pairs++;
    long ret = x.ret;
    MutablePair p = pair;
    p.renew();
    p.syscall = e.syscall;
    p.pid = e.pid;
    p.tid = e.tid;
    p.comm = e.comm;
    p.thread = e.thread;
    p.cgroupId = e.cgroupId;
    p.marks = (e.compat() ? PairMarks.COMPAT : 0)
        | ((e.flags & RecordLayout.F_PATH_CUT) != 0 ? PairMarks.PATH_CUT : 0)
        | ((e.flags & RecordLayout.F_REFUSED) != 0 ? PairMarks.REFUSED : 0);
    p.enterNs = e.timeNs;
    p.exitNs = x.timeNs;
    p.gapNs = t.lastExitNs == 0 ? 0 : Math.max(0, e.timeNs - t.lastExitNs);
    p.ret = ret;
    p.stack = t.hasStack && t.stackSeq == x.seq ? stacks.get(e.pid, t.stackId, t.stackSpWord)
        : CallStack.NOT_TAKEN;
    t.hasStack = false;
    t.lastExitNs = x.timeNs;
    files.describe(e, ret, x.file, p);
    files.apply(e, ret, x.file, p);
    count(p, t, e);
    if (filter.matches(p)) {
      emitted++;
      sink.accept(p);
    }
    p.expire(); // a sink that kept the view fails on its next read, not silently later
  }

  private void count(MutablePair p, ThreadState t, EnterRecord e) {
    if (p.syscall.id() == uringEnterId) {
      uringEnters++;
      uringSubmitted += Math.max(0, p.ret);
    }
    if ((p.marks & PairMarks.COMPAT) != 0) {
      compat++;
    }
    if ((p.marks & PairMarks.PATH_CUT) != 0) {
      pathsCut++;
    }
    if ((p.marks & PairMarks.REFUSED) != 0) {
      refused++;
    }
    if (p.ret < 0) {
      if (Errno.isRestart(p.ret)) {
        restarts++;
        t.restartCode = p.ret;
      } else {
        failed++;
      }
      return;
    }
    IoKind io = p.syscall.io();
    if (io == IoKind.READ) {
      bytesRead += p.bytes;
    } else if (io == IoKind.WRITE) {
      bytesWritten += p.bytes;
    } else if (io == IoKind.TRANSFER) {
      bytesTransferred += p.bytes;
    }
  }

  @Override
  public void stack(int pid, int tid, int seq, int stackId, long spWord) {
    ThreadState t = thread(tid);
    t.hasStack = true;
    t.stackSeq = seq;
    t.stackId = stackId;
    t.stackSpWord = spWord;
  }

  /** The frames of a stack id: to the stack resolver, which names the stacks carrying it. */
  @Override
  public void stackFrames(int pid, int stackId, long[] ips, int depth) {
    stacks.frames(stackId, ips, depth);
  }

  /**
   * A mapping of a process with stacks, named from the identities the kernel named (its name
   * record came first): to the stack resolver, before the stacks that need it.
   */
  @Override
  public void mapping(int pid, int index, int prot, long start, long end, long offset,
      Ident file) {
    String path = files.processes().identities().get(file);
    stacks.mapping(pid, index,
        new FileMapping(start, end, offset, prot, file.dev, file.ino, path == null ? "" : path));
  }

  @Override
  public void name(Ident id, String name) {
    names++;
    files.processes().identities().put(id, name);
  }

  @Override
  public void exec(int pid, int tid, long timeNs, String comm, int oldTid) {
    if (oldTid != tid && oldTid > 0) {
      // A thread other than the leader exec'd: it took over the leader's tid.
      ThreadState moved = threads.remove(oldTid);
      if (moved != null) {
        threads.put(tid, moved);
      }
    }
    files.processes().exec(pid);
    stacks.forget(pid);
    if (processShown(pid)) {
      sink.exec(pid, tid, timeNs, comm);
    }
  }

  /** Whether process events of {@code pid} pass the user-space pid filter (replays). */
  private boolean processShown(int pid) {
    return filter.pid() == 0 || filter.pid() == pid;
  }

  @Override
  public void fork(int pid, int tid, long timeNs, int childPid, int childTid) {
    fork(pid, tid, timeNs, childPid, childTid, false);
  }

  @Override
  public void fork(int pid, int tid, long timeNs, int childPid, int childTid,
      boolean sharedFiles) {
    files.processes().fork(pid, childPid, sharedFiles);
    if (processShown(pid)) {
      sink.fork(pid, tid, childPid, timeNs);
    }
  }

  @Override
  public void taskExit(int pid, int tid, long timeNs, boolean groupDead) {
    ThreadState t = threads.remove(tid);
    if (t != null && t.pending) {
      int sys = t.enter.syscall.id();
      if (sys != exitId && sys != exitGroupId) {
        entersWithoutExit++;
      }
    }
    files.processes().taskExit(pid, groupDead);
    if (groupDead) {
      stacks.forget(pid);
    }
    if (processShown(pid)) {
      sink.taskExit(pid, tid, timeNs);
    }
  }

  @Override
  public void malformed(int kind, int length) {
    malformed++;
  }

  /** Tells the sink that the input is drained for now (it may flush). */
  public void flush() {
    sink.flush();
  }

  /** Ends the stream: counts enters still waiting for an exit and finishes the sink. */
  public void finish() {
    threads.forEach((tid, t) -> {
      if (t.pending) {
        inFlightAtStop++;
        t.pending = false;
      }
    });
    sink.finish();
  }

  /** {@return counters so far; ring and kernel losses and the duration are added by the trace} */
  public TraceStats stats() {
    Losses losses = Losses.builder().add(LossKind.ENTER_WITHOUT_EXIT, entersWithoutExit)
        .add(LossKind.EXIT_WITHOUT_ENTER, exitsWithoutEnter).add(LossKind.ACROSS_LOSS, straddled)
        .add(LossKind.MISMATCHED, mismatched).add(LossKind.MALFORMED, malformed).build();
    return new TraceStats(0, new TraceStats.Records(records, enters, exits),
        new TraceStats.Calls(pairs, emitted, failed, restarts, interrupted, compat,
            inFlightAtStop, refused),
        new TraceStats.Bytes(bytesRead, bytesWritten, bytesTransferred),
        new TraceStats.Names(pathsCut, files.processes().lateLookups(), 0),
        new TraceStats.Uring(uringEnters, uringSubmitted), losses);
  }

  /** {@return name records received from the kernel} */
  public long names() {
    return names;
  }
}
