// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import dev.ior.bpf.load.BpfObject;
import dev.ior.core.record.RecordSink;
import dev.ior.bpf.ring.RingBufferReader;
import dev.ior.core.TracePipeline;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.fd.LinuxProcFs;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live trace: BPF programs attached, one consumer thread draining the ring buffer through a
 * {@link TracePipeline} into your {@link PairSink}. Needs root (or CAP_BPF + CAP_PERFMON).
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
  private final BpfObject bpf;
  private final RingBufferReader ring;
  private final TracePipeline pipeline;
  private final RecordSink recorder;
  private final int pollMs;
  private final Thread consumer;
  private final CountDownLatch done = new CountDownLatch(1);
  private final long startNs = System.nanoTime();
  private volatile boolean stopRequested;
  private volatile TraceStats finalStats;
  private volatile TraceStats liveStats;
  private long liveAtNs;
  private volatile Throwable failure;
  private boolean closed;
  private static final long LIVE_PERIOD_NS = 250_000_000L;

  private BpfTraceSession(BpfObject bpf, RingBufferReader ring, TracePipeline pipeline,
      int pollMs, RecordSink recorder) {
    this.bpf = bpf;
    this.ring = ring;
    this.pipeline = pipeline;
    this.recorder = recorder;
    this.pollMs = pollMs;
    this.consumer = new Thread(this::consume, "ior-consumer");
    consumer.setDaemon(true);
  }

  /**
   * Loads, attaches and starts consuming.
   *
   * @param warnings receives one line per syscall skipped on this kernel and similar notes
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
    SyscallTable table = SyscallTable.standard();
    List<Syscall> selected;
    try {
      selected = SyscallSelection.select(table, config.include(), config.exclude());
    } catch (IllegalArgumentException e) {
      throw new TraceException(e.getMessage(), e);
    }
    BpfObject bpf = BpfObject.open(config, selected, warnings);
    RingBufferReader ring;
    try {
      ring = new RingBufferReader(bpf.ringFd(), config.ringBytes());
    } catch (RuntimeException e) {
      bpf.close();
      throw new TraceException(e.getMessage(), e);
    }
    // pid, tid and comm were decided in the kernel; only the path needs the fd table.
    PairFilter filter = new PairFilter(null, config.path(), 0, 0);
    TracePipeline pipeline = new TracePipeline(table, filter, new LinuxProcFs(), sink);
    int pollMs = (int) Math.max(1, Math.min(1000, config.poll().toMillis()));
    BpfTraceSession s = new BpfTraceSession(bpf, ring, pipeline, pollMs, recorder);
    s.consumer.start();
    return s;
  }

  private void consume() {
    RecordSink records = recorder == null ? pipeline::accept : (buf, off, len) -> {
      recorder.accept(buf, off, len);
      pipeline.accept(buf, off, len);
    };
    long endNs = 0;
    try {
      while (!stopRequested) {
        ring.await(pollMs);
        if (ring.drain(records) > 0) {
          pipeline.flush();
        }
        publishLive();
      }
      endNs = System.nanoTime();
      // Programs stop emitting; what is in the ring still counts. A record reserved on another
      // CPU just before the flag flipped may commit a moment later: drain once more after it.
      bpf.stopEmitting();
      ring.drain(records);
      Thread.sleep(2);
      ring.drain(records);
    } catch (Throwable t) {
      failure = t;
    } finally {
      if (endNs == 0) {
        endNs = System.nanoTime();
      }
      long unread = ring.pendingRecords();
      long drops = bpf.drops();
      try {
        pipeline.finish();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        }
      }
      finalStats = pipeline.stats().withRing(endNs - startNs, Math.max(0, drops), unread);
      done.countDown();
    }
  }

  /** Hands the counters so far to other threads, four times a second at most. */
  private void publishLive() {
    long now = System.nanoTime();
    if (now - liveAtNs >= LIVE_PERIOD_NS) {
      liveAtNs = now;
      liveStats = pipeline.stats().withRing(now - startNs, Math.max(0, bpf.drops()), 0);
    }
  }

  /**
   * The counters of the running trace (records, pairs, every loss so far; updated about four
   * times a second), or the final ones once stopped; null before the first update.
   */
  public TraceStats liveStats() {
    TraceStats done = finalStats;
    return done != null ? done : liveStats;
  }

  /** Number of syscalls attached (selected and present on this kernel). */
  public int attachedSyscalls() {
    return bpf.attachedSyscalls();
  }

  /** Waits until the consumer ended (after {@link #stop()} or a failure). */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Whether the consumer has ended (stopped or failed). */
  public boolean isDone() {
    return done.getCount() == 0;
  }

  /**
   * Ends the trace: the programs stop emitting, the ring is drained into the pipeline and the
   * sink finished; {@link #stats()} is complete afterwards. Fast (milliseconds). Idempotent;
   * blocks until done. {@link #close()} then detaches and frees the kernel objects.
   */
  public void stop() {
    stopRequested = true;
    boolean interrupted = false;
    while (done.getCount() > 0) {
      try {
        done.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run's statistics; complete once stopped, null before. */
  public TraceStats stats() {
    return finalStats;
  }

  /** What made the consumer stop early (an exception from a sink), or null. */
  public Throwable failure() {
    return failure;
  }

  /**
   * Stops (if not yet), then detaches every program and frees the ring and the BPF object. On
   * kernels whose syscall tracepoints wait for an RCU grace period per detach this takes tens
   * of milliseconds per attached tracepoint; see {@link #attachedSyscalls()}.
   */
  @Override
  public void close() {
    stop();
    synchronized (this) {
      if (!closed) {
        closed = true;
        bpf.detach();
        ring.close();
        bpf.close();
      }
    }
  }
}
