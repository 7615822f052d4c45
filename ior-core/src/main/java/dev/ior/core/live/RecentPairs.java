// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.pair.MutablePair;
import java.util.ArrayList;
import java.util.List;

/**
 * The last N pairs in a ring of preallocated mutable slots: recording copies a pair's fields
 * into the next slot (no allocation; strings are shared references), and {@link #copy} makes the
 * immutable records a snapshot carries. Consumer thread only.
 */
final class RecentPairs {
  private final MutablePair[] slots;
  private long written;

  RecentPairs(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    slots = new MutablePair[capacity];
    for (int i = 0; i < capacity; i++) {
      slots[i] = new MutablePair();
    }
  }

  void record(SyscallPair p) {
    slots[(int) (written++ % slots.length)].set(p);
  }

  void reset() {
    written = 0;
  }

  /** Total pairs recorded since the last reset (older ones have been overwritten). */
  long written() {
    return written;
  }

  /** The kept pairs, oldest first. */
  List<PairRecord> copy() {
    int n = (int) Math.min(written, slots.length);
    List<PairRecord> out = new ArrayList<>(n);
    for (long i = written - n; i < written; i++) {
      out.add(slots[(int) (i % slots.length)].copy());
    }
    return out;
  }
}
