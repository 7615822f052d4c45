// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

/**
 * Makes a relative path absolute against a base directory, caching by the identity of the two
 * (interned) strings so that a workload reopening the same relative names allocates nothing.
 * Bounded: when full it starts afresh.
 *
 * <pre>{@code
 * PathJoiner j = new PathJoiner(4096);
 * j.join("/srv/data", "db/0001.log"); // "/srv/data/db/0001.log"
 * }</pre>
 */
public final class PathJoiner {
  private final String[] bases;
  private final String[] rels;
  private final String[] joined;
  private final int mask;
  private final int limit;
  private int size;

  /** A joiner caching about {@code capacity} results. */
  public PathJoiner(int capacity) {
    int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    bases = new String[cap];
    rels = new String[cap];
    joined = new String[cap];
    mask = cap - 1;
    limit = cap / 2;
  }

  /**
   * {@code rel} when it is absolute or {@code base} is null; otherwise base + "/" + rel, with a
   * leading "./" of rel dropped.
   */
  public String join(String base, String rel) {
    if (rel == null || base == null || rel.startsWith("/")) {
      return rel;
    }
    return cached(base, rel);
  }

  /**
   * An absolute path {@code abs} taken below the directory {@code root} (a chroot's root in the
   * host's view): {@code joinUnder("/srv/jail", "/etc/x")} is {@code "/srv/jail/etc/x"}; cached
   * as {@link #join}.
   */
  public String joinUnder(String root, String abs) {
    if (abs == null || root == null || root.equals("/")) {
      return abs;
    }
    return cached(root, abs);
  }

  private String cached(String base, String rel) {
    int h = (System.identityHashCode(base) * 31 + System.identityHashCode(rel)) & mask;
    int i = h;
    while (bases[i] != null) {
      if (bases[i] == base && rels[i] == rel) {
        return joined[i];
      }
      i = (i + 1) & mask;
    }
    if (size >= limit) {
      java.util.Arrays.fill(bases, null);
      java.util.Arrays.fill(rels, null);
      java.util.Arrays.fill(joined, null);
      size = 0;
      i = h;
    }
    String r = concat(base, rel);
    bases[i] = base;
    rels[i] = rel;
    joined[i] = r;
    size++;
    return r;
  }

  private static String concat(String base, String rel) {
    String tail = rel;
    while (tail.startsWith("./") || tail.startsWith("/")) {
      tail = tail.substring(tail.charAt(0) == '/' ? 1 : 2);
    }
    if (tail.isEmpty() || tail.equals(".")) {
      return base;
    }
    return base.endsWith("/") ? base + tail : base + "/" + tail;
  }
}
