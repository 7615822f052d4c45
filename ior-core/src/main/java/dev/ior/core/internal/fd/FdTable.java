// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.util.IntMap;

/**
 * One process's descriptors: fd → (path, open flags, close-on-exec, the file's identity when the
 * kernel told it). Shared by all threads of the process. Entries are pooled so that open/close
 * cycles allocate nothing in steady state.
 *
 * <pre>{@code
 * FdTable t = new FdTable();
 * t.put(3, "/var/log/app.log", O_WRONLY | O_APPEND, false);
 * t.path(3); // "/var/log/app.log"
 * }</pre>
 */
public final class FdTable {
  /** Close-on-exec bit of open flags (O_CLOEXEC). */
  public static final int O_CLOEXEC = 0x80000;

  private final IntMap<Entry> fds = new IntMap<>(32);
  private Entry[] pool = new Entry[16];
  private int pooled;

  /** One descriptor; path null means "looked up and not resolvable". */
  static final class Entry {
    String path;
    int flags;
    boolean cloexec;
    /** The file's identity (ino 0: not known yet). */
    final Ident id = new Ident();
    /** The path came from /proc after the fact. */
    boolean late;
    /** {@link FileIdentities#version()} when the path was last checked against the kernel's. */
    int nameVersion;
  }

  /** Sets descriptor {@code fd}, replacing what it pointed to. */
  public void put(int fd, String path, int flags, boolean cloexec) {
    Entry e = fds.get(fd);
    if (e == null) {
      e = pooled > 0 ? pool[--pooled] : new Entry();
      fds.put(fd, e);
    }
    e.path = path;
    e.flags = flags;
    e.cloexec = cloexec;
    e.id.clear();
    e.late = false;
    e.nameVersion = STALE;
  }

  /** A name version no {@link FileIdentities} has yet: the entry is checked at its next use. */
  private static final int STALE = Integer.MIN_VALUE;

  /** Sets descriptor {@code fd} with the identity the kernel reported for it. */
  public void put(int fd, String path, int flags, boolean cloexec, Ident id, boolean late) {
    put(fd, path, flags, cloexec);
    Entry e = fds.get(fd);
    e.id.copyFrom(id);
    e.late = late;
  }

  /**
   * Whether the entry of {@code fd} is the file {@code id}; an entry without an identity yet
   * (opened while traced, before the kernel reported it) with a known path takes it. False when
   * the entry is missing or refers to another file (stale).
   */
  public boolean sameFile(int fd, Ident id) {
    Entry e = fds.get(fd);
    if (e == null) {
      return false;
    }
    if (!e.id.present() && e.path != null) {
      e.id.copyFrom(id);
      return true;
    }
    return e.id.sameAs(id);
  }

  /**
   * The path of {@code fd} if it was checked against the kernel's names at {@code version}, else
   * null (the caller looks the name up again and {@link #rename}s).
   */
  String pathAt(int fd, int version) {
    Entry e = fds.get(fd);
    return e == null || e.nameVersion != version ? null : e.path;
  }

  /** Sets the path of {@code fd} as the kernel names its file at {@code version}. */
  void rename(int fd, String path, int version) {
    Entry e = fds.get(fd);
    if (e != null) {
      if (path != null) {
        e.path = path;
        e.late = false;
      }
      e.nameVersion = version;
    }
  }

  /** Whether the entry of {@code fd} was looked up late (in /proc). */
  public boolean late(int fd) {
    Entry e = fds.get(fd);
    return e != null && e.late;
  }

  /** Whether the table has an entry (possibly unresolvable) for {@code fd}. */
  public boolean contains(int fd) {
    return fds.containsKey(fd);
  }

  /** Path of {@code fd}, or null. */
  public String path(int fd) {
    Entry e = fds.get(fd);
    return e == null ? null : e.path;
  }

  /** Open flags of {@code fd}, or -1 when unknown. */
  public int flags(int fd) {
    Entry e = fds.get(fd);
    return e == null ? -1 : e.flags;
  }

  /** Close-on-exec state of {@code fd}; false when unknown. */
  public boolean cloexec(int fd) {
    Entry e = fds.get(fd);
    return e != null && e.cloexec;
  }

  /** Copies {@code from} to {@code to} as dup does; a missing source makes {@code to} unknown. */
  public void dup(int from, int to, boolean cloexec) {
    Entry e = fds.get(from);
    if (e == null) {
      remove(to);
    } else if (from != to) {
      put(to, e.path, e.flags, cloexec, e.id, e.late);
    }
  }

  /** Changes the status flags F_SETFL may change, keeping the access mode and creation flags. */
  public void setStatusFlags(int fd, int flags, int changeable) {
    Entry e = fds.get(fd);
    if (e != null && e.flags >= 0) {
      e.flags = (e.flags & ~changeable) | (flags & changeable);
    }
  }

  /** Sets or clears close-on-exec. */
  public void setCloexec(int fd, boolean cloexec) {
    Entry e = fds.get(fd);
    if (e != null) {
      e.cloexec = cloexec;
    }
  }

  /** Removes {@code fd}. */
  public void remove(int fd) {
    Entry e = fds.remove(fd);
    if (e != null) {
      release(e);
    }
  }

  /** Removes (or, with {@code cloexecOnly}, marks close-on-exec) every fd in [first, last]. */
  public void closeRange(long first, long last, boolean cloexecOnly) {
    // The range may be 0..UINT_MAX: walk the entries, not the range.
    int[] victims = new int[fds.size()];
    int[] n = {0};
    fds.forEach((fd, e) -> {
      if (Integer.toUnsignedLong(fd) >= first && Integer.toUnsignedLong(fd) <= last) {
        victims[n[0]++] = fd;
      }
    });
    for (int i = 0; i < n[0]; i++) {
      if (cloexecOnly) {
        setCloexec(victims[i], true);
      } else {
        remove(victims[i]);
      }
    }
  }

  /** Drops every close-on-exec descriptor, as a successful exec does. */
  public void exec() {
    int[] victims = new int[fds.size()];
    int[] n = {0};
    fds.forEach((fd, e) -> {
      if (e.cloexec) {
        victims[n[0]++] = fd;
      }
    });
    for (int i = 0; i < n[0]; i++) {
      remove(victims[i]);
    }
  }

  /** A copy, as fork gives the child. */
  public FdTable copy() {
    FdTable t = new FdTable();
    fds.forEach((fd, e) -> t.put(fd, e.path, e.flags, e.cloexec, e.id, e.late));
    return t;
  }

  /** Number of descriptors known. */
  public int size() {
    return fds.size();
  }

  private void release(Entry e) {
    e.path = null;
    if (pooled == pool.length) {
      pool = java.util.Arrays.copyOf(pool, pool.length * 2);
    }
    pool[pooled++] = e;
  }
}
