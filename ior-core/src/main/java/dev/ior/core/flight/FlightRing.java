// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.pair.MutablePair;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The flight recorder's ring: the last {@link #capacity()} pairs as columns of primitives and
 * references to the pipeline's interned names, in segments allocated on first use (an idle
 * recorder does not take its cap). One writer (the consumer thread) appends; one reader (the
 * dump thread) reads while the writer goes on, seqlock style: the writer announces the index it
 * is about to overwrite before touching its columns, and the reader re-checks that announcement
 * after copying a slot, so a slot torn by a concurrent overwrite is detected and skipped, never
 * returned. Neither side waits or locks.
 */
final class FlightRing {
  /** Slots per segment: 2^14. */
  static final int SEGMENT_BITS = 14;
  static final int SEGMENT = 1 << SEGMENT_BITS;
  /**
   * Heap bytes per slot: six long columns, five int columns and six references (4 bytes each
   * with compressed oops, the JVM's default below 32 GiB of heap). The names and stacks the
   * references point to are the pipeline's interned strings and shared stacks, not copies.
   */
  static final int SLOT_BYTES = 6 * 8 + 5 * 4 + 6 * 4;

  private static final VarHandle HEAD;
  private static final VarHandle CLAIMED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(FlightRing.class, "head", long.class);
      CLAIMED = l.findVarHandle(FlightRing.class, "claimed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long capacity;
  private final Segment[] segments;
  @SuppressWarnings("unused") // through HEAD
  private long head; // pairs appended; slot (head % capacity) is the next written
  @SuppressWarnings("unused") // through CLAIMED
  private long claimed; // the highest index whose slot the writer may be overwriting, + 1
  private int allocated;

  /** A ring of {@code capacity} slots, rounded up to whole segments (at least one). */
  FlightRing(long capacity) {
    int n = (int) Math.max(1, (capacity + SEGMENT - 1) >>> SEGMENT_BITS);
    this.segments = new Segment[n];
    this.capacity = (long) n << SEGMENT_BITS;
  }

  /** Slots in the ring. */
  long capacity() {
    return capacity;
  }

  /** Heap bytes of the segments allocated so far. */
  long allocatedBytes() {
    return (long) allocated * SEGMENT * SLOT_BYTES;
  }

  /** Heap bytes when every segment is allocated. */
  long maxBytes() {
    return capacity * SLOT_BYTES;
  }

  /** Pairs appended so far; the newest is at index {@code head() - 1}. Any thread. */
  long head() {
    return (long) HEAD.getAcquire(this);
  }

  /** The oldest index still held. Any thread (a racing append may overwrite it meanwhile). */
  long tail() {
    return Math.max(0, head() - capacity);
  }

  /** Appends a pair, overwriting the oldest when full. Writer thread only; no allocation once
   * every segment exists. */
  void append(SyscallPair p) {
    long h = (long) HEAD.getOpaque(this);
    CLAIMED.setOpaque(this, h + 1);
    VarHandle.storeStoreFence(); // the claim is visible before any column is overwritten
    long slot = h % capacity;
    int si = (int) (slot >>> SEGMENT_BITS);
    Segment s = segments[si];
    if (s == null) {
      s = new Segment();
      segments[si] = s;
      allocated++;
    }
    s.put((int) slot & (SEGMENT - 1), p);
    HEAD.setRelease(this, h + 1);
  }

  /**
   * Copies the pair at {@code index} into {@code into}. Reader thread.
   *
   * @return false when the slot no longer holds that pair (overwritten, or being overwritten)
   */
  boolean read(long index, MutablePair into) {
    if (index < tail() || index >= head()) {
      return false;
    }
    long slot = index % capacity;
    segments[(int) (slot >>> SEGMENT_BITS)].get((int) slot & (SEGMENT - 1), into);
    VarHandle.loadLoadFence(); // the columns are read before the claim is checked
    return (long) CLAIMED.getOpaque(this) - capacity <= index;
  }

  /** Exit time of the pair at {@code index}, or -1 when it was overwritten. Reader thread. */
  long exitNs(long index) {
    if (index < tail() || index >= head()) {
      return -1;
    }
    long slot = index % capacity;
    long t = segments[(int) (slot >>> SEGMENT_BITS)].exitNs[(int) slot & (SEGMENT - 1)];
    VarHandle.loadLoadFence();
    return (long) CLAIMED.getOpaque(this) - capacity <= index ? t : -1;
  }

  /** One segment's columns. */
  private static final class Segment {
    final long[] enterNs = new long[SEGMENT];
    final long[] exitNs = new long[SEGMENT];
    final long[] gapNs = new long[SEGMENT];
    final long[] ret = new long[SEGMENT];
    final long[] bytes = new long[SEGMENT];
    final long[] cgroupId = new long[SEGMENT];
    final int[] pid = new int[SEGMENT];
    final int[] tid = new int[SEGMENT];
    final int[] fd = new int[SEGMENT];
    final int[] flags = new int[SEGMENT];
    final int[] marks = new int[SEGMENT];
    final Syscall[] syscall = new Syscall[SEGMENT];
    final String[] comm = new String[SEGMENT];
    final String[] thread = new String[SEGMENT];
    final String[] file = new String[SEGMENT];
    final String[] file2 = new String[SEGMENT];
    final CallStack[] stack = new CallStack[SEGMENT];

    void put(int i, SyscallPair p) {
      enterNs[i] = p.enterNs();
      exitNs[i] = p.exitNs();
      gapNs[i] = p.gapNs();
      ret[i] = p.ret();
      bytes[i] = p.bytes();
      cgroupId[i] = p.cgroupId();
      pid[i] = p.pid();
      tid[i] = p.tid();
      fd[i] = p.fd();
      flags[i] = p.flags();
      marks[i] = p.marks();
      syscall[i] = p.syscall();
      comm[i] = p.comm();
      thread[i] = p.thread();
      file[i] = p.file();
      file2[i] = p.file2();
      stack[i] = p.stack();
    }

    void get(int i, MutablePair p) {
      p.enterNs = enterNs[i];
      p.exitNs = exitNs[i];
      p.gapNs = gapNs[i];
      p.ret = ret[i];
      p.bytes = bytes[i];
      p.cgroupId = cgroupId[i];
      p.pid = pid[i];
      p.tid = tid[i];
      p.fd = fd[i];
      p.flags = flags[i];
      p.marks = marks[i];
      p.syscall = syscall[i];
      p.comm = comm[i];
      p.thread = thread[i];
      p.file = file[i];
      p.file2 = file2[i];
      p.stack = stack[i];
    }
  }
}
