// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.util.IntervalSwap;
import dev.ior.core.sink.PairSink;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A {@link PairSink} that keeps live statistics for a dashboard, in the manner of HdrHistogram's
 * {@code Recorder}: the consumer thread counts into an interval buffer without locks and, once a
 * group exists, without allocation; a reader thread calls {@link #snapshot()} (about once a
 * second), which swaps in the spare buffer, waits the few microseconds until the consumer has
 * left the pair it may still be counting into the old one, merges the old buffer into its
 * running totals and publishes an immutable {@link LiveSnapshot}. Because the reader does the
 * swap, a snapshot is current even when no pair arrives to trigger anything.
 *
 * <p>Per pair the consumer pays two volatile reads and two volatile writes (the handshake that
 * tells the reader when the old buffer is quiet); nothing else is shared.
 *
 * <pre>{@code
 * LiveStats live = LiveStats.create();
 * BpfTraceSession session = BpfTraceSession.start(config, live, System.err::println);
 * ... on one other thread, about once a second:
 * LiveSnapshot s = live.snapshot();
 * }</pre>
 */
public final class LiveStats implements PairSink {
  private final LongSupplier clock;
  private final CgroupLookup cgroups;
  private final LiveTotals totals;
  private final AtomicReference<LiveSnapshot> latest = new AtomicReference<>();
  private final IntervalSwap<LiveTables> buffers;
  private volatile int target;
  private long startNs;
  private long lastNs;
  private long sequence;

  /**
   * A live sink.
   *
   * @param clock monotonic ns (System::nanoTime; a fake in tests)
   * @param recentCapacity how many of the newest pairs a snapshot carries
   */
  public LiveStats(LongSupplier clock, int recentCapacity) {
    this(clock, recentCapacity, CgroupLookup.NONE);
  }

  /**
   * A live sink whose snapshots group processes by container through {@code cgroups} (looked
   * up on the reader's thread, never waited for).
   *
   * @param clock CLOCK_MONOTONIC ns ({@code System::nanoTime}; a fake in tests)
   * @param recentCapacity how many of the newest pairs a snapshot carries
   * @param cgroups names the pairs' cgroups
   */
  public LiveStats(LongSupplier clock, int recentCapacity, CgroupLookup cgroups) {
    this.clock = clock;
    this.cgroups = cgroups;
    this.totals = new LiveTotals(recentCapacity);
    this.buffers = new IntervalSwap<>(new LiveTables(recentCapacity),
        new LiveTables(recentCapacity));
    this.startNs = clock.getAsLong();
    this.lastNs = startNs;
    latest.set(build(startNs, 0, 0, 0));
  }

  /** {@return a live sink on the system clock keeping the 2,000 newest pairs} */
  public static LiveStats create() {
    return create(CgroupLookup.NONE);
  }

  /**
   * Like {@link #create()}, resolving containers through {@code cgroups}.
   *
   * @param cgroups names the pairs' cgroups
   * @return a live sink on the system clock keeping the 2,000 newest pairs
   */
  public static LiveStats create(CgroupLookup cgroups) {
    return new LiveStats(System::nanoTime, 2000, cgroups);
  }

  @Override
  public void accept(SyscallPair pair) {
    LiveTables t = buffers.enter();
    try {
      int only = target;
      if (only != 0 && pair.pid() != only) {
        t.skipped++;
      } else {
        t.record(pair);
      }
    } finally {
      buffers.exit();
    }
  }

  /**
   * Takes a snapshot now: swaps the interval buffers, merges and publishes. Any one thread at a
   * time (readers are serialized; the consumer never waits for them).
   *
   * @return the snapshot, also published for {@link #latest()}
   */
  public synchronized LiveSnapshot snapshot() {
    long now = clock.getAsLong();
    LiveSnapshot s = buffers.swap(old -> {
      long pairs = old.total.count;
      long read = old.bytesRead;
      long written = old.bytesWritten;
      old.drainInto(totals);
      return build(now, pairs, read, written);
    });
    latest.set(s);
    lastNs = now;
    return s;
  }

  /** Zeroes every counter; the next snapshot counts from now. Any thread. */
  public synchronized void reset() {
    buffers.swap(old -> {
      old.drainInto(totals);
      return null;
    });
    totals.clear();
    startNs = clock.getAsLong();
    lastNs = startNs;
    latest.set(build(startNs, 0, 0, 0));
  }

  /** {@return the newest published snapshot; never null} Any thread. */
  public LiveSnapshot latest() {
    return latest.get();
  }

  /**
   * Narrows counting to one process from now on (0: all). The kernel filter is fixed when the
   * programs load, so this filters in user space; pairs of other processes are only counted
   * as skipped. Any thread.
   *
   * @param pid a process id (tgid), 0 for all
   */
  public void target(int pid) {
    target = pid;
  }

  /** {@return the pid counting is narrowed to, 0 for all} */
  public int target() {
    return target;
  }

  private LiveSnapshot build(long now, long pairs, long read, long written) {
    return new LiveSnapshot(sequence++, now, now - startNs, now - lastNs, pairs, read, written,
        totals.skipped(), target, totals.total(), totals.syscalls(), totals.files(),
        totals.processes(), totals.containers(cgroups), totals.flows(), totals.stacks(), totals.recent());
  }
}
