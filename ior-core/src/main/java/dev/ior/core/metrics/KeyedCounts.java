// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import java.util.Arrays;

/**
 * Counts by a non-zero long key, open addressing without boxing: an interval's errors by
 * (series id, errno) and its histogram counts that outgrew their byte slots. Adding to a key
 * already present allocates nothing; the table doubles when half full and keeps its size when
 * cleared, so the steady state allocates nothing. Not thread-safe.
 */
final class KeyedCounts {
  private long[] keys = new long[64];
  private long[] counts = new long[64];
  private int size;

  /** Adds {@code n} to the count of {@code key} (never 0). */
  void add(long key, long n) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      keys[i] = key;
      size++;
    }
    counts[i] += n;
    if (size * 2 > keys.length) {
      grow();
    }
  }

  private static int slot(long key, int mask) {
    return Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = slot(oldKeys[j], mask);
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }

  /** Slots to walk with {@link #key} and {@link #count}; a free slot has key 0. */
  int capacity() {
    return keys.length;
  }

  long key(int slot) {
    return keys[slot];
  }

  long count(int slot) {
    return counts[slot];
  }

  /** Empties the table, keeping its arrays. */
  void clear() {
    if (size > 0) {
      Arrays.fill(keys, 0);
      Arrays.fill(counts, 0);
      size = 0;
    }
  }
}
