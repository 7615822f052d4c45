// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import dev.ior.core.decode.EnterRecord;
import dev.ior.core.decode.RecordDecoder;
import dev.ior.core.decode.RecordHandler;
import dev.ior.core.event.Errno;
import dev.ior.core.fd.FileTracker;
import dev.ior.core.fd.ProcFs;
import dev.ior.core.fd.ProcessTable;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.pair.MutablePair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.util.IntMap;
import java.nio.ByteBuffer;

/**
 * Records in, pairs out: decode → pair enter/exit per thread → file tracking → filter → sink.
 * Synchronous, single-threaded, no I/O of its own except {@link ProcFs} lookups for
 * descriptors opened before tracing; allocation-free per record in steady state. The live
 * tracer (ior-bpf) feeds it from the ring buffer; tests and replays feed it bytes.
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

  private long records;
  private long enters;
  private long exits;
  private long malformed;
  private long pairs;
  private long emitted;
  private long restarts;
  private long failed;
  private long entersWithoutExit;
  private long exitsWithoutEnter;
  private long mismatched;
  private long inFlightAtStop;
  private long bytesRead;
  private long bytesWritten;
  private long bytesTransferred;

  /** Per-thread pairing state. */
  private static final class ThreadState {
    final EnterRecord enter = new EnterRecord();
    boolean pending;
    long lastExitNs;
  }

  /** A pipeline feeding {@code sink} with the pairs that pass {@code filter}. */
  public TracePipeline(SyscallTable table, PairFilter filter, ProcFs procfs, PairSink sink) {
    this.decoder = new RecordDecoder(table);
    this.files = new FileTracker(table, new ProcessTable(procfs));
    this.filter = filter;
    this.sink = sink;
  }

  /** Processes one record at {@code buf[offset, offset + length)} (little-endian buffer). */
  public void accept(ByteBuffer buf, int offset, int length) {
    records++;
    decoder.decode(buf, offset, length, this);
  }

  @Override
  public void enter(EnterRecord e) {
    enters++;
    ThreadState t = threads.get(e.tid);
    if (t == null) {
      t = new ThreadState();
      threads.put(e.tid, t);
    }
    if (t.pending) {
      entersWithoutExit++;
    }
    t.enter.copyFrom(e);
    t.pending = true;
  }

  @Override
  public void exit(int sys, int pid, int tid, long timeNs, long ret) {
    exits++;
    ThreadState t = threads.get(tid);
    if (t == null || !t.pending) {
      exitsWithoutEnter++;
      return;
    }
    t.pending = false;
    EnterRecord e = t.enter;
    if (e.syscall.id() != sys) {
      mismatched++;
      return;
    }
    pairs++;
    MutablePair p = pair;
    p.syscall = e.syscall;
    p.pid = e.pid;
    p.tid = e.tid;
    p.comm = e.comm;
    p.enterNs = e.timeNs;
    p.exitNs = timeNs;
    p.gapNs = t.lastExitNs == 0 ? 0 : Math.max(0, e.timeNs - t.lastExitNs);
    p.ret = ret;
    t.lastExitNs = timeNs;
    files.describe(e, ret, p);
    files.apply(e, ret, p);
    count(p);
    if (filter.matches(p)) {
      emitted++;
      sink.accept(p);
    }
  }

  private void count(MutablePair p) {
    if (p.ret < 0) {
      if (Errno.isRestart(p.ret)) {
        restarts++;
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
  public void exec(int pid, int tid, long timeNs, String comm) {
    files.processes().exec(pid);
  }

  @Override
  public void fork(int pid, int tid, int childTid) {
    files.processes().fork(pid, childTid);
  }

  @Override
  public void taskExit(int pid, int tid) {
    ThreadState t = threads.remove(tid);
    if (t != null && t.pending) {
      entersWithoutExit++;
    }
    files.processes().taskExit(pid, tid);
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

  /** Counters so far; ring losses and duration are filled in by the tracer. */
  public TraceStats stats() {
    return new TraceStats(0, records, enters, exits, malformed, pairs, emitted, restarts, failed,
        0, 0, entersWithoutExit, exitsWithoutEnter, mismatched, inFlightAtStop, bytesRead,
        bytesWritten, bytesTransferred);
  }
}
