// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.sink.PairSink;
import dev.ior.flamegraph.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps the last seconds of paired calls in a bounded ring ({@link FlightRing}) and dumps them
 * to a flight recording when a trigger fires: a pair matching a {@link FlightTrigger}, or
 * {@link #trigger} from any thread (SIGUSR1, an HTTP request). Recording goes on for the
 * after-window, then a dump thread writes the window while the consumer keeps appending: the
 * consumer never waits, never allocates in the steady state and never does I/O. At most one dump
 * is pending at a time and at most one starts per interval; every trigger dropped is counted by
 * reason ({@link #stats()}).
 *
 * <pre>{@code
 * FlightConfig c = new FlightConfig(60_000_000_000L, 256L << 20, 5_000_000_000L,
 *     60_000_000_000L, List.of(FlightTrigger.slowCall(500_000_000L, Set.of("fsync"), null)));
 * FlightRecorder fr = new FlightRecorder(c, System::nanoTime, f -> Path.of(f.kind() + ".iorfl"),
 *     header -> header, listener);
 * ... the pipeline feeds fr; fr.trigger("signal", "SIGUSR1") from a signal handler ...
 * }</pre>
 */
public final class FlightRecorder implements PairSink, AutoCloseable {
  /** Heap bytes one retained pair takes in the ring (names are shared with the pipeline). */
  public static final int SLOT_BYTES = FlightRing.SLOT_BYTES;

  /** Where dumps go and what becomes of them; called on the dump thread. */
  public interface Target {
    /**
     * {@return the file for the dump of {@code f} (written through {@link AtomicFile})}
     *
     * @param f the firing being dumped
     */
    Path file(Firing f);

    /**
     * {@return a full header for the dump (the caller knows the host and the wall clock)}
     *
     * @param f the firing being dumped
     * @param windowNs how far back from the trigger the dump reaches (at most), ns
     * @param afterNs how long after the trigger recording went on, ns
     */
    FlightHeader header(Firing f, long windowNs, long afterNs);

    /**
     * A dump was written.
     *
     * @param d the dump: its file and what it holds
     */
    default void dumped(FlightDump d) {}

    /**
     * A dump could not be written.
     *
     * @param f the firing whose dump failed
     * @param e why
     */
    default void failed(Firing f, IOException e) {}
  }

  private final FlightConfig config;
  private final FlightTrigger[] triggers;
  private final LongSupplier clock;
  private final Target target;
  private final FlightRing ring;
  private final Thread dumper;
  private final AtomicReference<Firing> manual = new AtomicReference<>();
  private volatile Firing pending; // accepted, waiting for its after-window or being written
  private volatile boolean finishing;
  private long lastFiredNs = Long.MIN_VALUE; // under the lock of fire()
  // Counters, each written by one thread (the first three under the lock of fire()).
  private volatile long fired;
  private volatile long rateLimited;
  private volatile long busy;
  private volatile long dumps;
  private volatile long failedDumps;
  private volatile long overwritten;

  /**
   * A recorder; its dump thread starts now and ends with {@link #finish()} or {@link #close()}.
   *
   * @param clock CLOCK_MONOTONIC ns, as the pairs' times ({@code System::nanoTime} on Linux)
   * @param config the ring's size and the triggers
   * @param target names the dump files, writes their headers, hears how dumps went
   */
  public FlightRecorder(FlightConfig config, LongSupplier clock, Target target) {
    this.config = config;
    this.triggers = config.triggers().toArray(new FlightTrigger[0]);
    this.clock = clock;
    this.target = target;
    this.ring = new FlightRing(config.capacity());
    this.dumper = new Thread(this::dumpLoop, "ior-flight");
    dumper.setDaemon(true);
    dumper.start();
  }

  /** {@return the configuration} */
  public FlightConfig config() {
    return config;
  }

  @Override
  public void accept(SyscallPair p) {
    ring.append(p);
    for (FlightTrigger t : triggers) {
      if (t.matches(p)) {
        fire(new Firing(t.kind(), t.describe(p), p.exitNs(), p.pid(), p.tid()));
        break;
      }
    }
  }

  /**
   * Fires a dump from any thread (a signal handler, an HTTP request): the dump thread takes it
   * at once (also while no call comes in), rate-limited like any trigger; its time is the
   * clock's now.
   *
   * @param kind a word for the file name, e.g. {@code signal}
   * @param description what happened, e.g. "SIGUSR1"
   */
  public void trigger(String kind, String description) {
    manual.set(new Firing(kind, description, clock.getAsLong(), 0, 0));
    LockSupport.unpark(dumper);
  }

  /**
   * Accepts a firing or counts why not. The consumer (pair triggers) and the dump thread
   * (manual ones) call it; a lock taken only when a trigger fires costs the hot path nothing.
   */
  private synchronized void fire(Firing f) {
    if (pending != null) {
      busy++;
    } else if (lastFiredNs != Long.MIN_VALUE && f.timeNs() - lastFiredNs < config.minIntervalNs()) {
      rateLimited++;
    } else {
      lastFiredNs = f.timeNs();
      fired++;
      pending = f;
      LockSupport.unpark(dumper);
    }
  }

  /** {@return the counters now; any thread} */
  public FlightStats stats() {
    return new FlightStats(ring.head(), ring.capacity(), ring.allocatedBytes(), ring.maxBytes(),
        fired, dumps, failedDumps, rateLimited, busy, overwritten);
  }

  /**
   * Writes a pending dump at once (its after-window cut short by the end of the trace) and stops
   * the dump thread. Consumer thread, after the last pair.
   */
  @Override
  public void finish() {
    close();
  }

  /** As {@link #finish()}; waits for a dump being written. Idempotent. */
  @Override
  public void close() {
    finishing = true;
    LockSupport.unpark(dumper);
    boolean interrupted = false;
    while (dumper.isAlive()) {
      try {
        dumper.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void dumpLoop() {
    while (true) {
      Firing m = manual.getAndSet(null);
      if (m != null) {
        fire(m);
      }
      Firing f = pending;
      if (f == null) {
        if (finishing) {
          return;
        }
        LockSupport.parkNanos(this, 100_000_000L);
        continue;
      }
      long due = f.timeNs() + config.afterNs();
      long now = clock.getAsLong();
      if (now < due && !finishing) {
        LockSupport.parkNanos(this, Math.min(due - now, 100_000_000L));
        continue;
      }
      dump(f);
      pending = null;
    }
  }

  /** Dump thread: the window's pairs, oldest first, into the target's file. */
  private void dump(Firing f) {
    long end = ring.head();
    long fromNs = f.timeNs() - config.windowNs();
    long start = firstAtOrAfter(fromNs, end);
    MutablePair p = new MutablePair();
    long lost = 0;
    long first = 0;
    long last = 0;
    Path file = target.file(f);
    try (AtomicFile.Output out = AtomicFile.open(file)) {
      FlightFileWriter w = new FlightFileWriter(out.stream(),
          target.header(f, config.windowNs(), config.afterNs()));
      for (long i = start; i < end; i++) {
        if (!ring.read(i, p)) {
          lost++;
          continue;
        }
        if (p.exitNs < fromNs) {
          continue; // a slot overwritten in between by a pair of the window is read later
        }
        if (first == 0) {
          first = p.exitNs;
        }
        last = p.exitNs;
        w.pair(p);
      }
      w.finish(lost);
      out.commit();
      overwritten += lost;
      dumps++;
      target.dumped(new FlightDump(file, f, w.pairs(), lost, first, last));
    } catch (IOException | RuntimeException e) {
      failedDumps++;
      target.failed(f, e instanceof IOException ? (IOException) e : new IOException(e));
    }
  }

  /**
   * The oldest index in the ring whose pair exited at or after {@code fromNs}: a binary search,
   * since exits are appended nearly in order (a pair that overtook another by microseconds does
   * not matter for a window of seconds).
   */
  private long firstAtOrAfter(long fromNs, long end) {
    long lo = ring.tail();
    long hi = end;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      long t = ring.exitNs(mid);
      if (t >= 0 && t < fromNs) {
        lo = mid + 1;
      } else if (t < 0) {
        lo = mid + 1; // overwritten meanwhile: older than anything still held
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
