// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.util;

import java.util.function.Function;

/**
 * Two interval buffers shared by one writer (the consumer thread) and readers on other threads,
 * in the manner of HdrHistogram's {@code Recorder}: the writer counts into the active buffer
 * without locks; a reader swaps in the spare one, waits the few microseconds until the writer
 * has left the buffer it may still be writing into, and drains the old buffer while the writer
 * goes on in the other. The reader does the swap, so a reader is never stuck waiting for events.
 *
 * <p>Per event the writer pays one volatile read and two volatile writes; it never waits.
 *
 * <pre>{@code
 * IntervalSwap<Counts> swap = new IntervalSwap<>(new Counts(), new Counts());
 * // consumer thread, per event:
 * Counts c = swap.enter();
 * try { c.add(event); } finally { swap.exit(); }
 * // any other thread:
 * long n = swap.swap(old -> { long k = old.total(); old.clear(); return k; });
 * }</pre>
 *
 * @param <T> the buffer type; the drain function must leave it empty for reuse
 */
public final class IntervalSwap<T> {
  private volatile T active;
  private volatile long entered;
  private volatile long exited;
  private T spare;
  private long writerSeq;

  /** Two buffers: {@code first} is written first, {@code second} after the first swap. */
  public IntervalSwap(T first, T second) {
    this.active = first;
    this.spare = second;
  }

  /** Writer: announces an event and returns the buffer to write it into; then {@link #exit}. */
  public T enter() {
    long seq = ++writerSeq;
    // Announce before reading the buffer: a reader that swapped before this read sees seq and
    // waits for it to be left (Dekker-style ordering of the volatile accesses).
    entered = seq;
    return active;
  }

  /** Writer: leaves the buffer returned by the last {@link #enter}. */
  public void exit() {
    exited = writerSeq;
  }

  /**
   * Reader: makes the spare buffer the active one, waits until the writer has left the old one,
   * applies {@code drain} to it (which must empty it) and keeps it as the next spare. Readers
   * are serialized; the writer never waits for them.
   */
  public synchronized <R> R swap(Function<T, R> drain) {
    T old = active;
    active = spare;
    long seq = entered;
    while (exited < seq) {
      Thread.onSpinWait(); // the writer is inside one event: microseconds
    }
    try {
      return drain.apply(old);
    } finally {
      spare = old;
    }
  }
}
