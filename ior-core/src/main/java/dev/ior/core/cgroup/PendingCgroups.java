// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Holds pairs back, in order, while their cgroup is still being resolved, so that the sinks
 * behind it see every pair with its path and container: a container's first calls happen
 * microseconds after its cgroup was made, before the resolver's background rescan has found it.
 * A pair of a known cgroup passes straight through (one lookup, no allocation); from the first
 * pair of an unknown cgroup on, pairs are copied into a queue (keeping their order across
 * processes) and released as soon as the head's cgroup is known: typically a few milliseconds.
 * Nothing waits on the consumer thread: the queue is released by later pairs and drains, and
 * by the first pair once it is {@code maxHold} old, or once {@code maxPairs} long (those pairs
 * then show the id only). {@link #finish()} waits for the last answers, at most {@code maxHold}.
 *
 * <pre>{@code
 * PairSink sink = new PendingCgroups(resolver, outputs, Duration.ofMillis(500), 1 << 16,
 *     System::nanoTime);
 * }</pre>
 */
public final class PendingCgroups implements PairSink {
  private final CgroupLookup cgroups;
  private final PairSink next;
  private final long maxHoldNs;
  private final int maxPairs;
  private final LongSupplier clock;
  private final ArrayDeque<PairRecord> held = new ArrayDeque<>();
  private long heldSinceNs;
  private long delayed;

  /**
   * A sink releasing pairs into {@code next} once {@code cgroups} knows their cgroup.
   *
   * @param maxHold longest a pair is held; after it the queue is released as it is
   * @param maxPairs most pairs held at once (memory bound)
   * @param clock monotonic ns (System::nanoTime; a fake in tests)
   * @param cgroups names the pairs' cgroups
   * @param next receives the pairs, in order
   */
  public PendingCgroups(CgroupLookup cgroups, PairSink next, Duration maxHold, int maxPairs,
      LongSupplier clock) {
    this.cgroups = cgroups;
    this.next = next;
    this.maxHoldNs = maxHold.toNanos();
    this.maxPairs = maxPairs;
    this.clock = clock;
  }

  @Override
  public void accept(SyscallPair pair) {
    if (held.isEmpty() && known(pair.cgroupId())) {
      next.accept(pair);
      return;
    }
    if (held.isEmpty()) {
      heldSinceNs = clock.getAsLong();
    }
    held.add(pair.copy());
    delayed++;
    release(held.size() >= maxPairs, true);
  }

  private boolean known(long cgroupId) {
    return cgroupId == 0 || cgroups.lookup(cgroupId) != null;
  }

  /**
   * Passes on the held pairs whose cgroup is known, in order; all of them when {@code all}, or
   * when {@code mayExpire} and the oldest has been held for {@code maxHold}.
   */
  private void release(boolean all, boolean mayExpire) {
    boolean expired = all || mayExpire && !held.isEmpty()
        && clock.getAsLong() - heldSinceNs >= maxHoldNs;
    // heldSinceNs stays the oldest hold's start: what remains is released no later than that.
    while (!held.isEmpty() && (expired || known(held.peekFirst().cgroupId()))) {
      next.accept(held.pollFirst());
    }
  }

  /**
   * Passes on what became known. Never gives up on a cgroup here: flush comes every poll
   * interval, also when nothing arrived, and a quiet moment while a new container's cgroup is
   * still being scanned is no reason to show its calls without their container; the hold
   * expires on the next pair or at {@link #finish()}, which waits for the answers.
   */
  @Override
  public void flush() {
    release(false, false);
    next.flush();
  }

  /** Waits (at most the hold time) for the cgroups still unknown, then passes everything on. */
  @Override
  public void finish() {
    long deadline = System.nanoTime() + maxHoldNs;
    try {
      while (!held.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || cgroups.resolve(held.peekFirst().cgroupId(), Duration.ofNanos(left))
            == null) {
          break;
        }
        release(false, false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    release(true, true);
    next.finish();
  }

  /** {@return pairs that were held back at least briefly (their cgroup was new)} */
  public long delayed() {
    return delayed;
  }
}
