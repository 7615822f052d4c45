// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.internal.decode.Ident;

/**
 * File identity (device, inode, generation) → name, for every file the kernel named or ior saw
 * opened. Bounded: two generations of at most {@code capacity} entries each; when the current one
 * fills, it becomes the previous and the oldest is dropped, so names used recently stay. The
 * kernel's own set of named identities (an LRU of 65,536) is smaller than one generation, so an
 * identity the kernel will not name again is still here. Not thread-safe; no allocation per
 * lookup, one array set per generation switch.
 *
 * <pre>{@code
 * FileIdentities names = new FileIdentities(1 << 17);
 * names.put(ident, "/var/log/syslog");
 * names.get(ident); // "/var/log/syslog"
 * }</pre>
 */
public final class FileIdentities {
  private final int capacity;
  private Generation current;
  private Generation previous;
  private int version;

  /** A map keeping up to {@code capacity} recent names (and as many older ones). */
  public FileIdentities(int capacity) {
    this.capacity = capacity;
    current = new Generation(capacity);
    previous = new Generation(16);
  }

  /** The name of {@code id}, or null when never named (or forgotten). */
  public String get(Ident id) {
    String name = current.get(id);
    if (name == null) {
      name = previous.get(id);
      if (name != null) {
        put(id, name); // keep what is used
      }
    }
    return name;
  }

  /**
   * Names {@code id}: the kernel's newer name replaces the old one (a rename, an unlink that made
   * it {@code (deleted)}).
   */
  public void put(Ident id, String name) {
    if (!id.present() || name == null) {
      return;
    }
    String old = current.get(id);
    if (current.size >= capacity && old == null) {
      previous = current;
      current = new Generation(capacity);
    }
    String before = old != null ? old : previous.get(id);
    if (before != null && !before.equals(name)) {
      version++; // a name changed: names copied into descriptor tables are checked again
    }
    current.put(id, name);
  }

  /**
   * Counts name changes: a name copied from here at version v is still current while the version
   * is v. Wraps around; compared for equality only.
   */
  public int version() {
    return version;
  }

  /** Number of names kept. */
  public int size() {
    return current.size + previous.size;
  }

  /** Open addressing over parallel arrays: no objects per entry. */
  private static final class Generation {
    final long[] ino;
    final int[] dev;
    final int[] gen;
    final String[] name;
    final int mask;
    int size;

    Generation(int capacity) {
      int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) * 2;
      ino = new long[cap];
      dev = new int[cap];
      gen = new int[cap];
      name = new String[cap];
      mask = cap - 1;
    }

    private int slot(Ident id) {
      long h = id.ino * 0x9E3779B97F4A7C15L ^ id.dev * 31L ^ id.gen;
      int i = (int) (h ^ (h >>> 29)) & mask;
      while (name[i] != null && !(ino[i] == id.ino && dev[i] == id.dev && gen[i] == id.gen)) {
        i = (i + 1) & mask;
      }
      return i;
    }

    String get(Ident id) {
      return name[slot(id)];
    }

    void put(Ident id, String n) {
      int i = slot(id);
      if (name[i] == null) {
        size++;
        ino[i] = id.ino;
        dev[i] = id.dev;
        gen[i] = id.gen;
      }
      name[i] = n;
    }
  }
}
