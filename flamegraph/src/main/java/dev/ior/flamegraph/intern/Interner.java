// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.intern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each distinct key a dense index in first-seen order, starting at a chosen base: pprof's
 * string table starts at 0 (with {@code ""} pre-seeded), its function, location and mapping ids
 * at 1; the flame graph's frame pool starts at 0.
 *
 * <pre>{@code
 * Interner<String> strings = new Interner<>(0);
 * strings.index("");      // 0
 * strings.index("main");  // 1
 * strings.index("main");  // 1 again
 * strings.keys();         // ["", "main"]
 * }</pre>
 *
 * @param <K> key type with value equality
 */
public final class Interner<K> {
  private final Map<K, Integer> ids = new HashMap<>();
  private final List<K> keys = new ArrayList<>();
  private final int base;

  /**
   * An empty interner whose first key gets index {@code base}.
   *
   * @param base the first index handed out (pprof: 0 for strings, 1 for ids that must not be 0)
   */
  public Interner(int base) {
    this.base = base;
  }

  /**
   * {@return the index of {@code key}, assigning the next free one when it is new}
   *
   * @param key the key
   */
  public int index(K key) {
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    int next = base + keys.size();
    ids.put(key, next);
    keys.add(key);
    return next;
  }

  /**
   * {@return true when {@code key} has been given an index}
   *
   * @param key the key
   */
  public boolean contains(K key) {
    return ids.containsKey(key);
  }

  /** {@return number of distinct keys} */
  public int size() {
    return keys.size();
  }

  /** {@return the keys in index order (index {@code base} first); a read-only view} */
  public List<K> keys() {
    return Collections.unmodifiableList(keys);
  }
}
