// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;
import java.util.Arrays;

/**
 * What the consumer counted per series id since the last swap: calls, bytes, latency sum and
 * both histograms, errors by errno, the keys of the ids it touched and the pairs folded into
 * overflow series. Flat arrays indexed by id (histograms as id × {@link #SLOTS}), so recording
 * allocates nothing once the arrays are large enough. Written by the consumer, drained and
 * cleared by the reader after a swap.
 *
 * <p>A histogram slot is one byte: an interval is about a second, and most series see far
 * fewer than 256 calls of one latency bucket in it. A slot that wraps adds 256 to
 * {@link #spills} under its index, so every count stays exact; at the series cap this keeps
 * the two buffers at about 160 bytes per series each instead of 500 with {@code int} slots.
 */
final class IntervalBuffer {
  static final int CLASSIC = LatencyBuckets.CLASSIC.slots();
  static final int NATIVE = LatencyBuckets.NATIVE.slots();
  /** Histogram slots per id: the classic buckets, then the native ones. */
  static final int SLOTS = CLASSIC + NATIVE;

  int capacity;
  // Per-interval counts are ints: an interval is cut about once a second (MetricsSink#advance),
  // and no series sees 2^31 calls in a second.
  int[] counts;
  long[] bytes;
  long[] sumNs;
  int[] zeros;
  /** Low 8 bits of each histogram count, id × SLOTS + slot; read as unsigned. */
  byte[] buckets;
  Syscall[] syscalls;
  String[] comms;
  String[] containers;
  boolean[] touched;
  int[] touchedIds;
  int touchedCount;
  /** Errors by (id << 32 | errno); errno is never 0. */
  final KeyedCounts errors = new KeyedCounts();
  /** Histogram counts beyond a byte, by 1 + the index into {@link #buckets}. */
  final KeyedCounts spills = new KeyedCounts();
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
    buckets = buckets == null ? new byte[n * SLOTS] : Arrays.copyOf(buckets, n * SLOTS);
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
    int base = id * SLOTS;
    bump(base + LatencyBuckets.CLASSIC.index(ns));
    if (ns <= 0) {
      zeros[id]++;
    } else {
      bump(base + CLASSIC + LatencyBuckets.NATIVE.index(ns));
    }
    if (p.failed()) {
      errors.add(((long) id << 32) | (-p.ret() & 0xffffffffL), 1);
    }
  }

  private void bump(int i) {
    if (++buckets[i] == 0) { // wrapped: 256 calls
      spills.add(i + 1L, 256);
    }
  }

  /** The count of histogram slot {@code slot} of {@code id}, without its spills. */
  int bucket(int id, int slot) {
    return buckets[id * SLOTS + slot] & 0xff;
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
      Arrays.fill(buckets, id * SLOTS, (id + 1) * SLOTS, (byte) 0);
      syscalls[id] = null;
      comms[id] = null;
      containers[id] = null;
    }
    touchedCount = 0;
    errors.clear();
    spills.clear();
    folded = 0;
  }
}
