// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.syscall.Syscall;
import java.util.Arrays;

/**
 * The consumer thread's set of live series: (syscall, comm, container) keys mapped to dense ids
 * that index the interval buffers, with the time each was last seen. Open addressing with
 * linear probing and backward-shift deletion (no tombstones pile up under churn); ids of
 * removed keys are reused, but only after the interval buffer that may still hold them has been
 * swapped out ({@link #releasePending}). Looking up an existing key allocates nothing. Consumer
 * thread only.
 */
final class SeriesRegistry {
  private static final int EMPTY = -1;

  private int[] slots;
  private int mask;
  private Syscall[] syscalls;
  private String[] comms;
  private String[] containers;
  private int[] hashes;
  private long[] lastSeen;
  private boolean[] overflow;
  private int[] free;
  private int freeCount;
  private int[] pending;
  private int pendingCount;
  private int nextId;
  private int size;
  private int live;

  SeriesRegistry(int expected) {
    int ids = Math.max(16, Integer.highestOneBit(Math.max(1, expected) - 1) << 1);
    syscalls = new Syscall[ids];
    comms = new String[ids];
    containers = new String[ids];
    hashes = new int[ids];
    lastSeen = new long[ids];
    overflow = new boolean[ids];
    free = new int[ids];
    pending = new int[ids];
    slots = new int[ids * 2];
    Arrays.fill(slots, EMPTY);
    mask = slots.length - 1;
  }

  static int hash(Syscall s, String comm, String container) {
    int h = s.id() * 31 + comm.hashCode();
    h = h * 31 + container.hashCode();
    return h ^ (h >>> 16);
  }

  /** The id of the key, or -1. */
  int find(Syscall s, String comm, String container, int h) {
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int id = slots[i];
      if (id == EMPTY) {
        return -1;
      }
      if (hashes[id] == h && syscalls[id] == s && equal(comms[id], comm)
          && equal(containers[id], container)) {
        return id;
      }
    }
  }

  private static boolean equal(String a, String b) {
    return a == b || a.equals(b); // interned by the pipeline: mostly the reference check
  }

  /** Adds a key that is not present; returns its id. */
  int add(Syscall s, String comm, String container, int h, boolean isOverflow, long now) {
    int id = freeCount > 0 ? free[--freeCount] : nextId++;
    if (id == syscalls.length) {
      grow();
    }
    syscalls[id] = s;
    comms[id] = comm;
    containers[id] = container;
    hashes[id] = h;
    lastSeen[id] = now;
    overflow[id] = isOverflow;
    int i = h & mask;
    while (slots[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    slots[i] = id;
    size++;
    if (!isOverflow) {
      live++;
    }
    return id;
  }

  Syscall syscall(int id) {
    return syscalls[id];
  }

  String comm(int id) {
    return comms[id];
  }

  String container(int id) {
    return containers[id];
  }

  void touch(int id, long now) {
    lastSeen[id] = now;
  }

  /**
   * Removes the keys not seen since {@code now - idleNs}; overflow series stay. Their ids are
   * reused only after {@link #releasePending}.
   *
   * @return how many were removed
   */
  int evictIdle(long now, long idleNs) {
    int removed = 0;
    for (int id = 0; id < nextId; id++) {
      if (syscalls[id] != null && !overflow[id] && now - lastSeen[id] > idleNs) {
        remove(id);
        removed++;
      }
    }
    return removed;
  }

  private void remove(int id) {
    int i = hashes[id] & mask;
    while (slots[i] != id) {
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe chain into the hole.
    for (int j = (i + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
      int home = hashes[slots[j]] & mask;
      boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
      if (movable) {
        slots[i] = slots[j];
        i = j;
      }
    }
    slots[i] = EMPTY;
    syscalls[id] = null;
    comms[id] = null;
    containers[id] = null;
    pending[pendingCount++] = id;
    size--;
    live--;
  }

  /** Makes the ids removed so far reusable: the buffer that may hold them was swapped out. */
  void releasePending() {
    System.arraycopy(pending, 0, free, freeCount, pendingCount);
    freeCount += pendingCount;
    pendingCount = 0;
  }

  private void grow() {
    int n = syscalls.length * 2;
    syscalls = Arrays.copyOf(syscalls, n);
    comms = Arrays.copyOf(comms, n);
    containers = Arrays.copyOf(containers, n);
    hashes = Arrays.copyOf(hashes, n);
    lastSeen = Arrays.copyOf(lastSeen, n);
    overflow = Arrays.copyOf(overflow, n);
    free = Arrays.copyOf(free, n);
    pending = Arrays.copyOf(pending, n);
    slots = new int[n * 2];
    Arrays.fill(slots, EMPTY);
    mask = slots.length - 1;
    for (int id = 0; id < nextId; id++) {
      if (syscalls[id] != null) {
        int i = hashes[id] & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = id;
      }
    }
  }

  /** Series counted against the cap (overflow series are not). */
  int live() {
    return live;
  }

  /** One more than the highest id ever handed out: the size the buffers need. */
  int idLimit() {
    return nextId;
  }
}
