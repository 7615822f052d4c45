// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import dev.ior.bpf.load.BpfObject;
import dev.ior.bpf.ring.RingBufferReader;
import dev.ior.bpf.stack.BpfStackResolver;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.fd.LinuxProcFs;
import dev.ior.core.record.RecordSink;
import dev.ior.core.session.RecordSource;
import dev.ior.core.session.SourceLosses;
import dev.ior.core.session.TraceSession;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live trace: BPF programs attached, one consumer thread draining the ring buffer through the
 * pipeline into your {@link PairSink}. Needs root (or CAP_BPF + CAP_PERFMON) and Linux 5.17+
 * with BTF.
 *
 * <pre>{@code
 * TraceConfig cfg = TraceConfig.builder().comm("postgres").build();
 * try (BpfTraceSession s = BpfTraceSession.start(cfg, pair -> {
 *       if (pair.durationNs() > 10_000_000) System.out.println(pair.copy());
 *     }, System.err::println)) {
 *   Thread.sleep(10_000);
 *   s.stop();
 *   System.out.println(s.stats());
 * }
 * }</pre>
 */
public final class BpfTraceSession implements AutoCloseable {
  private final TraceSession session;
  private final BpfObject bpf;

  private BpfTraceSession(TraceSession session, BpfObject bpf) {
    this.session = session;
    this.bpf = bpf;
  }

  /**
   * Loads, attaches and starts consuming.
   *
   * @param warnings receives one line per selected syscall this kernel's arch lacks, and similar
   * @throws TraceException with a one-line, user-facing reason and fix
   */
  public static BpfTraceSession start(TraceConfig config, PairSink sink, Consumer<String> warnings)
      throws TraceException {
    return start(config, sink, warnings, null);
  }

  /**
   * Like {@link #start(TraceConfig, PairSink, Consumer)}, also handing every raw record to
   * {@code recorder} (e.g. a {@code RecordFileWriter}) before the pipeline sees it.
   */
  public static BpfTraceSession start(TraceConfig config, PairSink sink,
      Consumer<String> warnings, RecordSink recorder) throws TraceException {
    return start(config, StackPolicy.OFF, sink, warnings, recorder);
  }

  /**
   * Like {@link #start(TraceConfig, PairSink, Consumer, RecordSink)}, taking the user stacks of
   * the calls {@code stacks} selects ({@link dev.ior.core.event.SyscallPair#stack()}).
   */
  public static BpfTraceSession start(TraceConfig config, StackPolicy stacks, PairSink sink,
      Consumer<String> warnings, RecordSink recorder) throws TraceException {
    SyscallTable table = SyscallTable.standard();
    List<Syscall> selected;
    try {
      selected = SyscallSelection.select(table, config.selection());
    } catch (IllegalArgumentException e) {
      throw new TraceException(e.getMessage(), e);
    }
    BpfObject bpf = BpfObject.open(config, stacks, table, selected, warnings);
    RingBufferReader ring;
    try {
      ring = new RingBufferReader(bpf.ringFd(), config.ringBytes());
    } catch (RuntimeException e) {
      bpf.close();
      throw new TraceException(e.getMessage(), e);
    }
    BpfStackResolver resolver = stacks.enabled() ? new BpfStackResolver(bpf, warnings) : null;
    TraceSession s = TraceSession.start(config, new RingSource(bpf, ring, resolver), true,
        new LinuxProcFs(), sink, recorder);
    return new BpfTraceSession(s, bpf);
  }

  /** The live ring as a record source. */
  private static final class RingSource implements RecordSource {
    private final BpfObject bpf;
    private final RingBufferReader ring;
    private final BpfStackResolver stacks;
    private volatile long unreadAtStop;

    RingSource(BpfObject bpf, RingBufferReader ring, BpfStackResolver stacks) {
      this.bpf = bpf;
      this.ring = ring;
      this.stacks = stacks;
    }

    @Override
    public StackResolver stacks() {
      return stacks == null ? StackResolver.NONE : stacks;
    }

    @Override
    public long poll(RecordSink sink, int timeoutMs) {
      if (timeoutMs > 0) {
        ring.await(timeoutMs);
      }
      return ring.drain(sink);
    }

    @Override
    public void stopEmitting() throws java.io.IOException {
      try {
        bpf.stopEmitting();
        // A record reserved on another CPU just before the flag flipped may commit a moment
        // later: the caller drains once more after this.
        Thread.sleep(2);
      } catch (TraceException e) {
        throw new java.io.IOException(e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public SourceLosses losses() {
      long[] k = bpf.losses();
      unreadAtStop = ring.pendingRecords();
      return new SourceLosses(Math.max(0, k[BpfObject.LOSS_RING]), unreadAtStop,
          bpf.recursionMisses(), k[BpfObject.LOSS_STORAGE], k[BpfObject.LOSS_NAME]);
    }

    @Override
    public List<Syscall> attached() {
      return bpf.attachedSyscalls();
    }

    @Override
    public void close() {
      if (stacks != null) {
        stacks.close();
      }
      bpf.detach();
      ring.close();
      bpf.close();
    }
  }

  /**
   * The counters of the running trace (records, pairs, every loss so far; updated about four
   * times a second), or the final ones once stopped; null before the first update.
   */
  public TraceStats liveStats() {
    return session.liveStats();
  }

  /** Number of syscalls in the kernel's table (selected and present on this arch). */
  public int attachedSyscalls() {
    return bpf.attachedSyscalls().size();
  }

  /** The syscalls in the kernel's table (selected and present on this arch). */
  public List<Syscall> attached() {
    return bpf.attachedSyscalls();
  }

  /**
   * Starts or stops tracing {@code syscall} (a name of {@code syscalls.tsv}) while the trace
   * runs: a map write in the kernel, no program is attached or detached. Calls already entered
   * still return their exit.
   *
   * @throws IllegalArgumentException for an unknown syscall name
   * @throws TraceException when the kernel refused the write
   */
  public void setTraced(String syscall, boolean traced) throws TraceException {
    Syscall s = SyscallTable.standard().byName(syscall);
    if (s == null) {
      throw new IllegalArgumentException("unknown syscall " + syscall);
    }
    bpf.setTraced(s, traced);
  }

  /** Waits until the consumer ended (after {@link #stop()} or a failure). */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return session.awaitTermination(timeout);
  }

  /** Whether the consumer has ended (stopped or failed). */
  public boolean isDone() {
    return session.isDone();
  }

  /**
   * Ends the trace: the programs stop emitting, the ring is drained into the pipeline and the
   * sink finished; {@link #stats()} is complete afterwards. Fast (milliseconds). Idempotent;
   * blocks until done. {@link #close()} then detaches and frees the kernel objects.
   */
  public void stop() {
    session.stop();
  }

  /** The run's statistics; complete once stopped, null before. */
  public TraceStats stats() {
    return session.stats();
  }

  /** What made the consumer stop early (an exception from a sink), or null. */
  public Throwable failure() {
    return session.failure();
  }

  /** Stops (if not yet), then detaches the five programs and frees the ring and the object. */
  @Override
  public void close() {
    session.close();
  }
}
