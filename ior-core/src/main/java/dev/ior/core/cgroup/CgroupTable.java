// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable cgroup-id-keyed table with open addressing and no boxing: the snapshot {@link
 * CgroupResolver} publishes and the consumer thread reads without locks or allocation.
 */
final class CgroupTable {
  static final CgroupTable EMPTY = new CgroupTable(Map.of());

  private final long[] keys;
  private final CgroupInfo[] values;
  private final int mask;
  private final int size;

  /** A table holding {@code entries} (id 0 is never a cgroup and is left out). */
  CgroupTable(Map<Long, CgroupInfo> entries) {
    int cap = Integer.highestOneBit(Math.max(8, entries.size() * 2 - 1)) << 1;
    keys = new long[cap];
    values = new CgroupInfo[cap];
    mask = cap - 1;
    int n = 0;
    for (Map.Entry<Long, CgroupInfo> e : entries.entrySet()) {
      long k = e.getKey();
      if (k == 0) {
        continue;
      }
      int i = slot(k);
      while (keys[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = k;
      values[i] = e.getValue();
      n++;
    }
    size = n;
  }

  private int slot(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The entry of {@code id}, or null. */
  CgroupInfo get(long id) {
    if (id == 0) {
      return null;
    }
    for (int i = slot(id); keys[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == id) {
        return values[i];
      }
    }
    return null;
  }

  int size() {
    return size;
  }

  /** The entries as a mutable map (to build the next snapshot from). */
  Map<Long, CgroupInfo> toMap() {
    Map<Long, CgroupInfo> m = new HashMap<>(size * 2);
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        m.put(keys[i], values[i]);
      }
    }
    return m;
  }
}
