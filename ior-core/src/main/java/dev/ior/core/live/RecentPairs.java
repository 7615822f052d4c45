// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;
import java.util.ArrayList;
import java.util.List;

/**
 * The last N pairs in a ring of preallocated mutable slots: recording copies a pair's fields
 * into the next slot (no allocation; strings are shared references), and {@link #copy} makes the
 * immutable records a snapshot carries. Consumer thread only.
 */
final class RecentPairs {
  private final Slot[] slots;
  private long written;

  RecentPairs(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    slots = new Slot[capacity];
    for (int i = 0; i < capacity; i++) {
      slots[i] = new Slot();
    }
  }

  void record(SyscallPair p) {
    slots[(int) (written++ % slots.length)].set(p);
  }

  void reset() {
    written = 0;
  }

  /** Total pairs recorded since the last reset (older ones have been overwritten). */
  long written() {
    return written;
  }

  /** The kept pairs, oldest first. */
  List<PairRecord> copy() {
    int n = (int) Math.min(written, slots.length);
    List<PairRecord> out = new ArrayList<>(n);
    for (long i = written - n; i < written; i++) {
      out.add(slots[(int) (i % slots.length)].toRecord());
    }
    return out;
  }

  /** One pair's fields, overwritten in place. */
  private static final class Slot {
    Syscall syscall;
    int pid;
    int tid;
    String comm;
    long enterNs;
    long exitNs;
    long gapNs;
    long ret;
    int fd;
    String file;
    String file2;
    int flags;
    long bytes;

    void set(SyscallPair p) {
      syscall = p.syscall();
      pid = p.pid();
      tid = p.tid();
      comm = p.comm();
      enterNs = p.enterNs();
      exitNs = p.exitNs();
      gapNs = p.gapNs();
      ret = p.ret();
      fd = p.fd();
      file = p.file();
      file2 = p.file2();
      flags = p.flags();
      bytes = p.bytes();
    }

    PairRecord toRecord() {
      return new PairRecord(syscall, pid, tid, comm, enterNs, exitNs, gapNs, ret, fd, file,
          file2, flags, bytes);
    }
  }
}
