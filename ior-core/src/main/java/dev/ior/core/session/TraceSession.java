// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.session;

import dev.ior.core.TracePipeline;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.decode.RecordLayout;
import dev.ior.core.fd.ProcFs;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.record.RecordSink;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One trace run, whatever its records come from: the pipeline, the filters, the consumer thread,
 * the statistics and the end. The live tracer (ior-bpf's {@code BpfTraceSession}) and a replay of
 * a recording are both a {@link RecordSource} driven by this class, so they cannot disagree on
 * how a run is assembled.
 *
 * <pre>{@code
 * TraceSession s = TraceSession.start(config, source, true, procfs, sink, null);
 * ...
 * s.stop();                   // ends and drains; stats() is final
 * TraceStats stats = s.stats();
 * s.close();                  // frees the source
 * }</pre>
 */
public final class TraceSession implements AutoCloseable {
  private static final long LIVE_PERIOD_NS = 250_000_000L;

  private final RecordSource source;
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
  private long firstNs = Long.MAX_VALUE;
  private long lastNs = Long.MIN_VALUE;
  private final boolean live;
  private volatile Throwable failure;
  private boolean closed;

  private TraceSession(TraceConfig config, RecordSource source, boolean kernelFiltered,
      ProcFs procfs, PairSink sink, RecordSink recorder) {
    this.source = source;
    this.recorder = recorder;
    this.live = kernelFiltered;
    // pid, tid and comm were decided in the kernel for a live source; a recording is filtered
    // here (applying them twice changes nothing).
    PairFilter filter = kernelFiltered ? new PairFilter(null, config.path(), 0, 0)
        : new PairFilter(config.comm(), config.path(), config.pid(), config.tid());
    this.pipeline = new TracePipeline(SyscallTable.standard(), filter, procfs, sink,
        source.stacks());
    this.pollMs = (int) Math.max(1, Math.min(1000, config.poll().toMillis()));
    this.consumer = new Thread(this::consume, "ior-consumer");
    consumer.setDaemon(true);
  }

  /**
   * Starts consuming {@code source} on a new thread.
   *
   * @param kernelFiltered whether the source applied -pid/-tid/-comm already (live tracing)
   * @param procfs last resort for names the kernel did not give ({@link ProcFs#EMPTY} for a
   *     recording, whose processes are gone)
   * @param recorder receives every raw record before the pipeline (a recording), or null
   */
  public static TraceSession start(TraceConfig config, RecordSource source,
      boolean kernelFiltered, ProcFs procfs, PairSink sink, RecordSink recorder) {
    TraceSession s = new TraceSession(config, source, kernelFiltered, procfs, sink, recorder);
    s.consumer.start();
    return s;
  }

  private void consume() {
    RecordSink records = (buf, off, len) -> {
      if (len >= RecordLayout.HEAD_SIZE) {
        long t = buf.getLong(off + RecordLayout.HEAD_TIME_NS);
        if (t != 0) {
          firstNs = Math.min(firstNs, t);
          lastNs = Math.max(lastNs, t);
        }
      }
      if (recorder != null) {
        recorder.accept(buf, off, len);
      }
      pipeline.accept(buf, off, len);
    };
    long endNs = 0;
    try {
      while (!stopRequested) {
        long n = source.poll(records, pollMs);
        if (n < 0) {
          break;
        }
        if (n > 0) {
          pipeline.flush();
        }
        publishLive();
      }
      endNs = System.nanoTime();
      // The source stops emitting; what it produced until then still counts.
      source.stopEmitting();
      source.poll(records, 0);
    } catch (Throwable t) {
      failure = t;
    } finally {
      if (endNs == 0) {
        endNs = System.nanoTime();
      }
      try {
        pipeline.finish();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        }
      }
      finalStats = withSource(pipeline.stats(), duration(endNs));
      done.countDown();
    }
  }

  /** A live run lasts from start to stop; a replay as long as the recorded records span. */
  private long duration(long nowNs) {
    if (live) {
      return nowNs - startNs;
    }
    return lastNs >= firstNs ? lastNs - firstNs : 0;
  }

  private TraceStats withSource(TraceStats s, long durationNs) {
    SourceLosses l = source.losses();
    return s.withSource(durationNs, l.ringDrops(), l.unreadAtStop(), l.kernelSkipped(),
        l.storageFull(), l.namesLost());
  }

  /** Hands the counters so far to other threads, four times a second at most. */
  private void publishLive() {
    long now = System.nanoTime();
    if (now - liveAtNs >= LIVE_PERIOD_NS) {
      liveAtNs = now;
      liveStats = withSource(pipeline.stats(), duration(now));
    }
  }

  /**
   * The counters of the running trace (updated about four times a second), or the final ones
   * once stopped; null before the first update.
   */
  public TraceStats liveStats() {
    TraceStats f = finalStats;
    return f != null ? f : liveStats;
  }

  /** The source of this run. */
  public RecordSource source() {
    return source;
  }

  /** Waits until the consumer ended (after {@link #stop()}, the source's end or a failure). */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Waits until the source ended (a recording read to its end) or the run failed. */
  public void awaitEnd() throws java.io.InterruptedIOException {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while replaying");
    }
  }

  /** Whether the consumer has ended. */
  public boolean isDone() {
    return done.getCount() == 0;
  }

  /**
   * Ends the run: the source stops emitting, what it produced is drained into the pipeline and
   * the sink finished; {@link #stats()} is complete afterwards. Idempotent; blocks until done.
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

  /** What made the consumer stop early (an exception from a sink or the source), or null. */
  public Throwable failure() {
    return failure;
  }

  /** Stops (if not yet), then frees the source. */
  @Override
  public void close() {
    stop();
    synchronized (this) {
      if (!closed) {
        closed = true;
        source.close();
      }
    }
  }
}
