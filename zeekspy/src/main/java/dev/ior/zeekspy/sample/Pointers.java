// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

/** Plausibility checks for words read from the target: pointers and std::vector headers. */
final class Pointers {
  /** Largest element count a vector may claim before it is taken for garbage. */
  private static final long MAX_CAPACITY = 1 << 24;

  private Pointers() {}

  /** A non-null, 8-byte aligned user-space address (x86-64 and aarch64, up to 56-bit VAs). */
  static boolean plausible(long p) {
    return p >= 4096 && (p & 7) == 0 && p < (1L << 56);
  }

  /**
   * Element count of a std::vector with the given start, finish and end-of-storage pointers and
   * element size, or -1 when these cannot be a vector. A never-allocated vector is all zeros.
   */
  static long elements(long start, long finish, long end, int size) {
    if (start == 0) {
      return finish == 0 && end == 0 ? 0 : -1;
    }
    boolean ok = plausible(start) && Long.compareUnsigned(start, finish) <= 0
        && Long.compareUnsigned(finish, end) <= 0
        && (finish - start) % size == 0 && (end - start) / size <= MAX_CAPACITY;
    return ok ? (finish - start) / size : -1;
  }
}
