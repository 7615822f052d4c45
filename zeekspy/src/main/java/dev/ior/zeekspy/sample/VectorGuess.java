// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.zeekspy.proc.ReadBatch;

/**
 * Where a std::vector's elements were last seen, so the next sample can read them in the same
 * system call as the vector header. A vector only moves when it outgrows its capacity, which for
 * Zeek's stacks happens a handful of times per run; a wrong guess costs one extra read.
 */
final class VectorGuess {
  private final int elementSize;
  private final int maxElements;
  private long start;
  private int length;

  VectorGuess(int elementSize, int maxElements) {
    this.elementSize = elementSize;
    this.maxElements = maxElements;
  }

  /** Adds the guessed range to {@code batch}; returns its request index, or -1 for no guess. */
  int add(ReadBatch batch) {
    return length > 0 ? batch.add(start, length) : -1;
  }

  /** Remembers the header just read: elements at {@code s}, storage up to {@code end}. */
  void remember(long s, long end, long count) {
    if (s == 0 || count < 0) {
      length = 0;
      return;
    }
    // Read a little more than now in use, never past the allocated storage.
    long want = Math.min(Math.max(count + 16, 32), maxElements) * elementSize;
    start = s;
    length = (int) Math.min(end - s, want);
  }

  /** True when request {@code h} was read and holds {@code bytes} bytes from {@code s}. */
  static boolean covers(ReadBatch batch, int h, long s, long bytes) {
    return h >= 0 && batch.ok(h) && batch.address(h) == s && bytes <= batch.length(h);
  }
}
