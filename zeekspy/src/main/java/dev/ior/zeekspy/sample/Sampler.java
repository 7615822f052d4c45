// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import dev.ior.zeekspy.proc.TargetStopper;
import java.util.ArrayList;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The sampling loop: at a fixed rate, stop the target (or not), walk its stack, resume it, hand
 * the stack to a sink. Ticks are on a fixed grid from the start, so the rate does not drift; a
 * tick whose time has passed when the previous sample ends is skipped and counted, never taken
 * late in a burst. Runs on the calling thread until {@link #requestStop()} or a failure; counters
 * may be read from any thread.
 *
 * <p>Until the walker has run {@code warmUpWalks} times, each tick also walks the stack again, back
 * to back, for up to a quarter period after its sample: once in the first tick, then twice as
 * often in each tick after (interpreted walks are slow; compiled ones are not), reading the target
 * without stopping it; nothing reaches the sink, the time is not counted as sampling. At 100 Hz the walker's code
 * would otherwise run interpreted for seconds and reach the optimising compiler only after about
 * a minute, costing several times more per sample meanwhile (measured: docs/benchmarks.md). Done
 * between ticks, the warm-up takes no sample's place and delays none.
 *
 * <pre>{@code
 * Sampler s = new Sampler(walker, TargetStopper.none(), 100, sink, System::nanoTime, () -> false,
 *     Sampler.DEFAULT_WARM_UP_WALKS);
 * Thread t = new Thread(s::run);  t.start();
 * ... s.requestStop(); t.join();
 * }</pre>
 */
public final class Sampler {
  /**
   * Warm-up walks: enough for HotSpot's optimising tier (C2 compiles a method after about 5,000
   * calls).
   */
  public static final int DEFAULT_WARM_UP_WALKS = 6_000;
  /** Sample costs above this are recorded as this (a sample is never that slow but when stopped). */
  private static final long MAX_RECORDED_NANOS = 60_000_000_000L;

  private final StackWalker walker;
  private final TargetStopper stopper;
  private final long periodNanos;
  private final StackSink sink;
  private final LongSupplier clock;
  private final BooleanSupplier targetGone;
  private int warmUpLeft;
  private int warmUpBatch = 1;
  private final List<Frame> frames = new ArrayList<>();
  private final SingleWriterRecorder costs = new SingleWriterRecorder(1, MAX_RECORDED_NANOS, 2);
  private final Histogram allCosts = new Histogram(1, MAX_RECORDED_NANOS, 2);
  private Histogram interval;
  private volatile boolean stopRequested;
  private volatile Thread runner;
  private volatile long samples;
  private volatile long empty;
  private volatile long torn;
  private volatile long skipped;
  private volatile long busyNanos;
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile long startCpuNanos;
  private volatile long endCpuNanos;
  private volatile boolean started;
  private volatile boolean ended;
  private volatile String lastTorn = "";

  /**
   * A sampler taking {@code hz} samples per second.
   *
   * @param clock monotonic time in ns ({@code System::nanoTime} outside tests)
   * @param targetGone asked after a torn sample: true ends sampling with TARGET_EXITED (a process
   *     being torn down can look torn before reads fail outright)
   * @param warmUpWalks extra walks, in the first ticks' idle time, to get the code compiled (0 =
   *     none)
   * @param walker reads one stack per sample
   * @param stopper stops the target around a walk, or lets it run
   * @param hz samples per second, 1..100000
   * @param sink receives each stack
   * @throws IllegalArgumentException when {@code hz} is outside 1..100000
   */
  public Sampler(StackWalker walker, TargetStopper stopper, int hz, StackSink sink,
      LongSupplier clock, BooleanSupplier targetGone, int warmUpWalks) {
    if (hz < 1 || hz > 100_000) {
      throw new IllegalArgumentException("hz must be 1..100000: " + hz);
    }
    this.walker = walker;
    this.stopper = stopper;
    this.periodNanos = 1_000_000_000L / hz;
    this.sink = sink;
    this.clock = clock;
    this.targetGone = targetGone;
    this.warmUpLeft = Math.max(0, warmUpWalks);
  }

  /**
   * Samples until {@link #requestStop()}; returns normally then. A failure (the target exited, a
   * read was refused) ends the loop by propagating its exception; counters stay valid.
   */
  public void run() {
    runner = Thread.currentThread();
    long start = clock.getAsLong();
    startNanos = start;
    startCpuNanos = Math.max(0, threadCpu());
    started = true;
    try {
      sampleOnGrid(start);
    } finally {
      endNanos = clock.getAsLong();
      endCpuNanos = threadCpu();
      ended = true;
    }
  }

  /**
   * Walks the stack up to {@link #warmUpBatch} times, dropping the results, until {@code deadline}
   * or the warm-up is done; the next batch is twice as large.
   */
  private void warmUp(long deadline) {
    for (int i = 0; i < warmUpBatch && warmUpLeft > 0 && !stopRequested; i++) {
      walker.walk(frames);
      warmUpLeft--;
      if (clock.getAsLong() >= deadline) {
        break;
      }
    }
    warmUpBatch = Math.min(warmUpBatch * 2, 1 << 16);
    frames.clear();
  }

  private void sampleOnGrid(long start) {
    long tick = 0;
    while (!stopRequested) {
      if (!sleepUntil(start + tick * periodNanos)) {
        break;
      }
      long t0 = clock.getAsLong();
      sampleOnce();
      long t1 = clock.getAsLong();
      busyNanos += t1 - t0;
      costs.recordValue(Math.min(Math.max(t1 - t0, 1), MAX_RECORDED_NANOS));
      if (warmUpLeft > 0) {
        // A quarter period: a thread that keeps its CPU busy is woken later by the scheduler.
        warmUp(t1 + periodNanos / 4);
        t1 = clock.getAsLong();
      }
      long next = (t1 - start) / periodNanos + 1;
      if (next > tick + 1) {
        skipped += next - tick - 1;
      }
      tick = next;
    }
  }

  private void sampleOnce() {
    stopper.stop();
    WalkOutcome r;
    try {
      r = walker.walk(frames);
    } finally {
      stopper.resume();
    }
    switch (r) {
      case STACK:
        samples++;
        sink.stack(frames);
        break;
      case EMPTY:
        samples++;
        empty++;
        sink.empty();
        break;
      default:
        if (targetGone.getAsBoolean()) {
          throw new ZeekSpyException(Reason.TARGET_EXITED, "the target process exited");
        }
        torn++;
        lastTorn = walker.lastTornReason();
    }
  }

  /** Parks until {@code deadline}; false when a stop was requested meanwhile. */
  private boolean sleepUntil(long deadline) {
    for (long left = deadline - clock.getAsLong(); left > 0; left = deadline - clock.getAsLong()) {
      if (stopRequested) {
        return false;
      }
      LockSupport.parkNanos(this, left);
    }
    return !stopRequested;
  }

  /** Asks the loop to end after the current sample; callable from any thread. */
  public void requestStop() {
    stopRequested = true;
    Thread t = runner;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** {@return the stopper this sampler uses (attach and close it on the sampling thread)} */
  public TargetStopper stopper() {
    return stopper;
  }

  /** {@return counters so far, with the distribution of the wall time of every sample taken} */
  public synchronized SamplerStats stats() {
    if (!started) {
      return SamplerStats.ZERO;
    }
    long end = ended ? endNanos : clock.getAsLong();
    interval = costs.getIntervalHistogram(interval);
    allCosts.add(interval);
    return new SamplerStats(samples, empty, torn, skipped, end - startNanos, busyNanos,
        ended ? endCpuNanos : threadCpu(), allCosts.copy());
  }

  private long threadCpu() {
    Thread t = runner;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (t == null || !mx.isThreadCpuTimeSupported()) {
      return -1;
    }
    long cpu = mx.getThreadCpuTime(t.getId());
    return cpu < 0 ? -1 : cpu - startCpuNanos;
  }

  /** {@return why the most recent torn sample was torn (for {@code -debug})} */
  public String lastTornReason() {
    return lastTorn;
  }
}
