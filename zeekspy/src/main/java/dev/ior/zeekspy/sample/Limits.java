// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

/**
 * Plausibility bounds for what the stack walker reads; anything outside makes a sample torn
 * rather than garbage.
 *
 * <pre>{@code
 * Limits l = Limits.DEFAULT.withMaxDepth(4096);
 * }</pre>
 *
 * @param maxDepth most call_stack entries accepted
 * @param maxString longest function name or file name in bytes
 * @param maxLine largest line number accepted
 * @param retries extra attempts for a torn sample before it is counted as torn
 * @param maxCacheEntries cached objects kept before the caches are dropped and rebuilt
 * @param revalidateEvery every how many samples the cached Funcs and call sites of the current
 *     stack are read again and checked (1 = every sample); between checks a freed and reused
 *     object address could be attributed to the object cached for it
 */
public record Limits(
    int maxDepth, int maxString, int maxLine, int retries, int maxCacheEntries,
    int revalidateEvery) {
  /** 1024 frames, 4 KiB strings, 10 M lines, 2 retries, 100 k cached objects, check every 16. */
  public static final Limits DEFAULT = new Limits(1024, 4096, 10_000_000, 2, 100_000, 16);

  /**
   * Checks the components.
   *
   * @param maxDepth most call_stack entries accepted
   * @param maxString longest function name or file name in bytes
   * @param maxLine largest line number accepted
   * @param retries extra attempts for a torn sample before it is counted as torn
   * @param maxCacheEntries cached objects kept before the caches are dropped and rebuilt
   * @param revalidateEvery every how many samples the cached Funcs and call sites of the current
   *     stack are read again and checked (1 = every sample); between checks a freed and reused
   *     object address could be attributed to the object cached for it
   */
  public Limits {
    if (maxDepth < 1 || maxString < 16 || maxLine < 1 || retries < 0 || maxCacheEntries < 16
        || revalidateEvery < 1) {
      throw new IllegalArgumentException("implausible limits");
    }
  }

  /**
   * {@return a copy with another depth bound}
   *
   * @param depth most call_stack entries accepted, >= 1
   */
  public Limits withMaxDepth(int depth) {
    return new Limits(depth, maxString, maxLine, retries, maxCacheEntries, revalidateEvery);
  }

  /**
   * {@return a copy with another retry count}
   *
   * @param n extra attempts for a torn sample, >= 0
   */
  public Limits withRetries(int n) {
    return new Limits(maxDepth, maxString, maxLine, n, maxCacheEntries, revalidateEvery);
  }

  /**
   * {@return a copy that re-reads cached objects every {@code n} samples}
   *
   * @param n every how many samples, >= 1
   */
  public Limits withRevalidateEvery(int n) {
    return new Limits(maxDepth, maxString, maxLine, retries, maxCacheEntries, n);
  }
}
