// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;
import java.util.Arrays;

/**
 * What the consumer counted per series id since the last swap: calls, bytes, latency sum and
 * both histograms, errors by errno, the keys of the ids it touched and the pairs folded into
 * overflow series. Flat arrays indexed by id (histograms as id × slots), so recording allocates
 * nothing once the arrays are large enough. Written by the consumer, drained and cleared by the
 * reader after a swap.
 */
final class IntervalBuffer {
  static final int CLASSIC = LatencyBuckets.CLASSIC.slots();
  static final int NATIVE = LatencyBuckets.NATIVE.slots();

  int capacity;
  // Per-interval counts are ints: an interval is cut about once a second (MetricsSink#advance),
  // and no series sees 2^31 calls in a second; ints halve the two buffers' memory at the cap.
  int[] counts;
  long[] bytes;
  long[] sumNs;
  int[] zeros;
  int[] classic;
  int[] nativeSlots;
  Syscall[] syscalls;
  String[] comms;
  String[] containers;
  boolean[] touched;
  int[] touchedIds;
  int touchedCount;
  /** Errors by (id << 32 | errno), open addressing; 0 marks a free slot (errno is never 0). */
  long[] errorKeys = new long[64];
  long[] errorCounts = new long[64];
  int errorSize;
  long folded;

  private final int softLimit;

  /**
   * @param softLimit how many ids doubling may reach at once (the series cap plus room for
   *     overflow series): 10,000 series then take 11,024 slots, not 16,384
   */
  IntervalBuffer(int softLimit) {
    this.softLimit = softLimit;
    allocate(16);
  }

  private void allocate(int n) {
    counts = counts == null ? new int[n] : Arrays.copyOf(counts, n);
    bytes = bytes == null ? new long[n] : Arrays.copyOf(bytes, n);
    sumNs = sumNs == null ? new long[n] : Arrays.copyOf(sumNs, n);
    zeros = zeros == null ? new int[n] : Arrays.copyOf(zeros, n);
    classic = classic == null ? new int[n * CLASSIC] : Arrays.copyOf(classic, n * CLASSIC);
    nativeSlots = nativeSlots == null ? new int[n * NATIVE]
        : Arrays.copyOf(nativeSlots, n * NATIVE);
    syscalls = syscalls == null ? new Syscall[n] : Arrays.copyOf(syscalls, n);
    comms = comms == null ? new String[n] : Arrays.copyOf(comms, n);
    containers = containers == null ? new String[n] : Arrays.copyOf(containers, n);
    touched = touched == null ? new boolean[n] : Arrays.copyOf(touched, n);
    touchedIds = touchedIds == null ? new int[n] : Arrays.copyOf(touchedIds, n);
    capacity = n;
  }

  /**
   * Makes room for ids below {@code limit}: doubling up to the soft limit, by an eighth beyond
   * it (ids of expired series wait one swap before reuse, so the limit can be passed briefly).
   */
  void ensure(int limit) {
    if (limit > capacity) {
      int doubled = Math.min(capacity * 2, softLimit);
      allocate(Math.max(doubled, limit + limit / 8));
    }
  }

  /** Counts {@code p} under series {@code id}, whose labels {@code series} holds. */
  void record(int id, SeriesRegistry series, SyscallPair p) {
    if (!touched[id]) { // the buffer keeps the labels: the id may be reused after the swap
      touched[id] = true;
      touchedIds[touchedCount++] = id;
      syscalls[id] = series.syscall(id);
      comms[id] = series.comm(id);
      containers[id] = series.container(id);
    }
    counts[id]++;
    bytes[id] += p.bytes();
    long ns = p.durationNs();
    sumNs[id] += Math.max(0, ns);
    classic[id * CLASSIC + LatencyBuckets.CLASSIC.index(ns)]++;
    if (ns <= 0) {
      zeros[id]++;
    } else {
      nativeSlots[id * NATIVE + LatencyBuckets.NATIVE.index(ns)]++;
    }
    if (p.failed()) {
      addError(((long) id << 32) | (-p.ret() & 0xffffffffL));
    }
  }

  private void addError(long key) {
    int mask = errorKeys.length - 1;
    int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (errorKeys[i] != 0 && errorKeys[i] != key) {
      i = (i + 1) & mask;
    }
    if (errorKeys[i] == 0) {
      errorKeys[i] = key;
      errorSize++;
    }
    errorCounts[i]++;
    if (errorSize * 2 > errorKeys.length) {
      growErrors();
    }
  }

  private void growErrors() {
    long[] keys = errorKeys;
    long[] values = errorCounts;
    errorKeys = new long[keys.length * 2];
    errorCounts = new long[keys.length * 2];
    int mask = errorKeys.length - 1;
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != 0) {
        int i = Long.hashCode(keys[j] * 0x9E3779B97F4A7C15L) & mask;
        while (errorKeys[i] != 0) {
          i = (i + 1) & mask;
        }
        errorKeys[i] = keys[j];
        errorCounts[i] = values[j];
      }
    }
  }

  /** Zeroes what was touched, keeping the arrays for the next interval. */
  void clear() {
    for (int k = 0; k < touchedCount; k++) {
      int id = touchedIds[k];
      touched[id] = false;
      counts[id] = 0;
      bytes[id] = 0;
      sumNs[id] = 0;
      zeros[id] = 0;
      Arrays.fill(classic, id * CLASSIC, (id + 1) * CLASSIC, 0);
      Arrays.fill(nativeSlots, id * NATIVE, (id + 1) * NATIVE, 0);
      syscalls[id] = null;
      comms[id] = null;
      containers[id] = null;
    }
    touchedCount = 0;
    if (errorSize > 0) {
      Arrays.fill(errorKeys, 0);
      Arrays.fill(errorCounts, 0);
      errorSize = 0;
    }
    folded = 0;
  }
}
