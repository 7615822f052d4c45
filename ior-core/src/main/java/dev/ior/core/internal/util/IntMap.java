// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.util;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * An int-keyed hash map with open addressing and no boxing, for per-tid and per-pid state on
 * the hot path. Not thread-safe. Keys may be any int except {@link Integer#MIN_VALUE}.
 *
 * <pre>{@code
 * IntMap<Slot> slots = new IntMap<>(64);
 * Slot s = slots.computeIfAbsent(tid, t -> new Slot());
 * }</pre>
 *
 * @param <V> value type
 */
public final class IntMap<V> {
  private static final int FREE = Integer.MIN_VALUE;

  private int[] keys;
  private Object[] values;
  private int size;
  private int mask;

  /** A map sized for about {@code expected} entries before it grows. */
  public IntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    alloc(cap);
  }

  private void alloc(int cap) {
    keys = new int[cap];
    Arrays.fill(keys, FREE);
    values = new Object[cap];
    mask = cap - 1;
    size = 0;
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private int find(int key) {
    int i = mix(key) & mask;
    while (keys[i] != FREE) {
      if (keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1 - i;
  }

  /** The value for {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public V get(int key) {
    int i = find(key);
    return i >= 0 ? (V) values[i] : null;
  }

  /** Whether the key is present. */
  public boolean containsKey(int key) {
    return find(key) >= 0;
  }

  /** Puts a value and returns the previous one, or null. */
  @SuppressWarnings("unchecked")
  public V put(int key, V value) {
    if (key == FREE) {
      throw new IllegalArgumentException("key " + key + " is reserved");
    }
    int i = find(key);
    if (i >= 0) {
      V old = (V) values[i];
      values[i] = value;
      return old;
    }
    if ((size + 1) * 4 > keys.length * 3) {
      grow();
      i = find(key);
    }
    i = -1 - i;
    keys[i] = key;
    values[i] = value;
    size++;
    return null;
  }

  /** The value for {@code key}, created by {@code factory} when absent. */
  public V computeIfAbsent(int key, IntFunction<V> factory) {
    V v = get(key);
    if (v == null) {
      v = factory.apply(key);
      put(key, v);
    }
    return v;
  }

  /** Removes a key and returns its value, or null. */
  @SuppressWarnings("unchecked")
  public V remove(int key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    V old = (V) values[i];
    // Backward-shift deletion keeps probe chains intact without tombstones.
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (keys[j] == FREE) {
        break;
      }
      int home = mix(keys[j]) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = FREE;
    values[hole] = null;
    size--;
    return old;
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** Removes every entry. */
  public void clear() {
    Arrays.fill(keys, FREE);
    Arrays.fill(values, null);
    size = 0;
  }

  /** Calls {@code action} for each entry (unspecified order); must not modify the map. */
  @SuppressWarnings("unchecked")
  public void forEach(IntObjConsumer<V> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        action.accept(keys[i], (V) values[i]);
      }
    }
  }

  /** Receives one entry of {@link #forEach}. */
  @FunctionalInterface
  public interface IntObjConsumer<V> {
    void accept(int key, V value);
  }

  private void grow() {
    int[] oldKeys = keys;
    Object[] oldValues = values;
    alloc(keys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        int j = -1 - find(oldKeys[i]);
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
        size++;
      }
    }
  }
}
