// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A flat open-addressing table of (path, syscall, comm, pid, tid, flags, thread, cgroup) keys with
 * four counters each, kept in parallel arrays. The cgroup is an id while tracing (turned into
 * its path when the rows are taken, see {@link #rows(LongFunction)}) or a path for rows read
 * from a file. Adding to an existing key hashes and compares the fields and
 * allocates nothing; only a new key costs a slot (and a resize now and then). Memory therefore
 * grows with distinct keys, not with events. Not thread-safe: one writer, the consumer thread.
 *
 * <pre>{@code
 * AggregateTable t = new AggregateTable(1024);
 * t.add("/etc/hosts", "openat", "curl", 42, 42, 0x80000, 1, 3_100, 0, 0);
 * t.add("/etc/hosts", "openat", "curl", 42, 42, 0x80000, 1, 2_900, 500, 0);
 * t.rows().get(0).count(); // 2
 * }</pre>
 */
public final class AggregateTable {
  private static final int EMPTY = -1;

  private int[] slots; // hash slot -> row index, EMPTY when free
  private int mask;
  private int size;
  // Row columns, indexed by row number in insertion order.
  private int[] hashes;
  private String[] paths;
  private String[] syscalls;
  private String[] comms;
  private String[] threads;
  private int[] pids;
  private int[] tids;
  private int[] flags;
  private long[] cgroupIds;
  private String[] cgroupPaths;
  private String[] stacks;
  private long[] counts;
  private long[] durations;
  private long[] gaps;
  private long[] bytes;

  /**
   * A table sized for about {@code expectedKeys} keys before its first resize.
   *
   * @param expectedKeys the expected number of distinct keys, >= 0 (at least 16 rows are made)
   */
  public AggregateTable(int expectedKeys) {
    int rows = Math.max(16, expectedKeys);
    int cap = Integer.highestOneBit(rows * 2 - 1) << 1;
    slots = new int[cap];
    Arrays.fill(slots, EMPTY);
    mask = cap - 1;
    allocateRows(rows);
  }

  private void allocateRows(int n) {
    hashes = hashes == null ? new int[n] : Arrays.copyOf(hashes, n);
    paths = paths == null ? new String[n] : Arrays.copyOf(paths, n);
    syscalls = syscalls == null ? new String[n] : Arrays.copyOf(syscalls, n);
    comms = comms == null ? new String[n] : Arrays.copyOf(comms, n);
    threads = threads == null ? new String[n] : Arrays.copyOf(threads, n);
    pids = pids == null ? new int[n] : Arrays.copyOf(pids, n);
    tids = tids == null ? new int[n] : Arrays.copyOf(tids, n);
    flags = flags == null ? new int[n] : Arrays.copyOf(flags, n);
    cgroupIds = cgroupIds == null ? new long[n] : Arrays.copyOf(cgroupIds, n);
    cgroupPaths = cgroupPaths == null ? new String[n] : Arrays.copyOf(cgroupPaths, n);
    stacks = stacks == null ? new String[n] : Arrays.copyOf(stacks, n);
    counts = counts == null ? new long[n] : Arrays.copyOf(counts, n);
    durations = durations == null ? new long[n] : Arrays.copyOf(durations, n);
    gaps = gaps == null ? new long[n] : Arrays.copyOf(gaps, n);
    bytes = bytes == null ? new long[n] : Arrays.copyOf(bytes, n);
  }

  /**
   * Adds counters to the key's row, creating it when new. Strings are compared with equals
   * (the pipeline interns them, so this is mostly a reference check).
   *
   * @param durationNs latency to add, ns
   * @param gapNs time since the thread's previous syscall to add, ns
   * @param path the file, "" when unknown
   * @param syscall the syscall's name
   * @param comm the process's comm, also used as the thread's name
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flag open flags, -1 when unknown
   * @param count calls to add
   * @param byteCount bytes to add
   */
  public void add(String path, String syscall, String comm, int pid, int tid, int flag,
      long count, long durationNs, long gapNs, long byteCount) {
    add(path, syscall, comm, comm, pid, tid, flag, count, durationNs, gapNs, byteCount);
  }

  /**
   * Like the other {@code add}, with the thread's own comm in the key.
   *
   * @param path the file, "" when unknown
   * @param syscall the syscall's name
   * @param comm the process's comm
   * @param thread the thread's own comm
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flag open flags, -1 when unknown
   * @param count calls to add
   * @param durationNs latency to add, ns
   * @param gapNs time since the thread's previous syscall to add, ns
   * @param byteCount bytes to add
   */
  public void add(String path, String syscall, String comm, String thread, int pid, int tid,
      int flag, long count, long durationNs, long gapNs, long byteCount) {
    add(path, syscall, comm, thread, pid, tid, flag, 0, null, "", count, durationNs, gapNs,
        byteCount);
  }

  /**
   * Like the above, with the task's cgroup id (0 when unknown) in the key.
   *
   * @param path the file, "" when unknown
   * @param syscall the syscall's name
   * @param comm the process's comm
   * @param thread the thread's own comm
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flag open flags, -1 when unknown
   * @param cgroupId the task's cgroup v2 id, 0 when unknown
   * @param count calls to add
   * @param durationNs latency to add, ns
   * @param gapNs time since the thread's previous syscall to add, ns
   * @param byteCount bytes to add
   */
  public void add(String path, String syscall, String comm, String thread, int pid, int tid,
      int flag, long cgroupId, long count, long durationNs, long gapNs, long byteCount) {
    add(path, syscall, comm, thread, pid, tid, flag, cgroupId, null, "", count, durationNs, gapNs,
        byteCount);
  }

  private void add(String path, String syscall, String comm, String thread, int pid, int tid,
      int flag, long cgroupId, String cgroupPath, String stack, long count, long durationNs,
      long gapNs, long byteCount) {
    add(path, syscall, comm, thread, pid, tid, flag, cgroupId, cgroupPath, stack, count,
        durationNs, gapNs, byteCount, true);
  }

  /** Adds to the key's row; a missing key gets a row only when {@code insert}. */
  private boolean add(String path, String syscall, String comm, String thread, int pid,
      int tid, int flag, long cgroupId, String cgroupPath, String stack, long count,
      long durationNs, long gapNs, long byteCount, boolean insert) {
    int h = ((hash(path, syscall, comm, pid, tid, flag) * 31 + thread.hashCode()) * 31
        + Long.hashCode(cgroupId)) * 31 + stack.hashCode();
    int i = h & mask;
    int row;
    while ((row = slots[i]) != EMPTY) {
      if (hashes[row] == h && pids[row] == pid && tids[row] == tid && flags[row] == flag
          && cgroupIds[row] == cgroupId && syscalls[row].equals(syscall)
          && paths[row].equals(path) && comms[row].equals(comm) && threads[row].equals(thread)
          && Objects.equals(cgroupPaths[row], cgroupPath) && stacks[row].equals(stack)) {
        break;
      }
      i = (i + 1) & mask;
    }
    if (row == EMPTY) {
      if (!insert) {
        return false;
      }
      row = insert(i, h, path, syscall, comm, thread, pid, tid, flag);
      cgroupIds[row] = cgroupId;
      cgroupPaths[row] = cgroupPath;
      stacks[row] = stack;
    }
    counts[row] += count;
    durations[row] += durationNs;
    gaps[row] += gapNs;
    bytes[row] += byteCount;
    return true;
  }

  /**
   * {@link #add(SyscallPair)} while the table has fewer than {@code maxRows} keys; beyond, a
   * pair of a key the table has counts there and any other in one overflow row of its syscall
   * (path, comm and thread {@code other}, pid, tid and flags 0), so the table stays within
   * {@code maxRows} plus one row per syscall and totals per syscall stay exact.
   *
   * @param p the pair (a reused view is fine: its strings are kept, not the view)
   * @param maxRows the most keys counted on their own, >= 0
   * @param other the path, comm and thread of the overflow rows
   */
  public void add(SyscallPair p, int maxRows, String other) {
    if (size() < maxRows) {
      add(p);
      return;
    }
    String file = p.file();
    String comm = p.comm() == null ? "" : p.comm();
    String syscall = p.syscall().name();
    if (!add(file == null ? "" : file, syscall, comm, p.thread() == null ? comm : p.thread(),
        p.pid(), p.tid(), p.flags(), p.cgroupId(), null, stackKey(p.stack()), 1,
        p.durationNs(), p.gapNs(), p.bytes(), false)) {
      add(other, syscall, other, other, 0, 0, 0, 0, null, "", 1, p.durationNs(), p.gapNs(),
          p.bytes(), true);
    }
  }

  /**
   * Adds one pair: a pair without a known file counts under the path "".
   *
   * @param p the pair (a reused view is fine)
   */
  public void add(SyscallPair p) {
    String file = p.file();
    String comm = p.comm() == null ? "" : p.comm();
    add(file == null ? "" : file, p.syscall().name(), comm,
        p.thread() == null ? comm : p.thread(), p.pid(), p.tid(), p.flags(), p.cgroupId(), null,
        stackKey(p.stack()), 1, p.durationNs(), p.gapNs(), p.bytes());
  }

  /** A stack's key: its folded frames (one string per shared stack), "" when none was taken. */
  private static String stackKey(CallStack s) {
    return s == CallStack.NOT_TAKEN ? "" : s.folded();
  }

  /**
   * Adds a whole row (e.g. one read from a file), keyed by its cgroup path; equal keys sum.
   *
   * @param r the row to add
   */
  public void add(AggregateRow r) {
    add(r.path(), r.syscall(), r.comm(), r.thread(), r.pid(), r.tid(), r.flags(), 0, r.cgroup(),
        r.stack(), r.count(), r.durationNs(), r.durationToPrevNs(), r.bytes());
  }

  private int insert(int slot, int h, String path, String syscall, String comm, String thread,
      int pid, int tid, int flag) {
    if (size == hashes.length) {
      allocateRows(size * 2);
    }
    int row = size++;
    hashes[row] = h;
    paths[row] = path;
    syscalls[row] = syscall;
    comms[row] = comm;
    threads[row] = thread;
    pids[row] = pid;
    tids[row] = tid;
    flags[row] = flag;
    slots[slot] = row;
    if (size * 2 > slots.length) { // keep the load factor at most 1/2: short probe chains
      rehash(slots.length * 2);
    }
    return row;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    for (int row = 0; row < size; row++) {
      int i = hashes[row] & mask;
      while (slots[i] != EMPTY) {
        i = (i + 1) & mask;
      }
      slots[i] = row;
    }
  }

  /** Mixes the key fields; String.hashCode is cached by String, so this allocates nothing. */
  static int hash(String path, String syscall, String comm, int pid, int tid, int flag) {
    int h = path.hashCode();
    h = h * 31 + syscall.hashCode();
    h = h * 31 + comm.hashCode();
    h = h * 31 + pid;
    h = h * 31 + tid;
    h = h * 31 + flag;
    return h ^ (h >>> 16); // low bits pick the slot: fold the high bits in
  }

  /** Removes every row, keeping the arrays for reuse. */
  public void clear() {
    Arrays.fill(slots, EMPTY);
    Arrays.fill(paths, 0, size, null);
    Arrays.fill(syscalls, 0, size, null);
    Arrays.fill(comms, 0, size, null);
    Arrays.fill(stacks, 0, size, null);
    Arrays.fill(counts, 0, size, 0);
    Arrays.fill(durations, 0, size, 0);
    Arrays.fill(gaps, 0, size, 0);
    Arrays.fill(bytes, 0, size, 0);
    size = 0;
  }

  /** {@return number of distinct keys} */
  public int size() {
    return size;
  }

  /** {@return sum of the call counts of all rows} */
  public long totalCount() {
    long n = 0;
    for (int row = 0; row < size; row++) {
      n += counts[row];
    }
    return n;
  }

  /** {@return a snapshot of the rows in first-seen order; cgroup ids show as {@code #<id>}} */
  public List<AggregateRow> rows() {
    return rows(CgroupInfo::idLabel);
  }

  /**
   * {@return a snapshot of the rows in first-seen order, cgroup ids turned into paths by {@code
   * cgroupPath} (called once per distinct id, never for 0, which becomes "")}
   *
   * @param cgroupPath the path of a cgroup id, e.g. from a {@link dev.ior.core.cgroup.CgroupLookup}
   */
  public List<AggregateRow> rows(LongFunction<String> cgroupPath) {
    Map<Long, String> names = new HashMap<>();
    List<AggregateRow> out = new ArrayList<>(size);
    for (int row = 0; row < size; row++) {
      String cgroup = cgroupPaths[row] != null ? cgroupPaths[row]
          : cgroupIds[row] == 0 ? "" : names.computeIfAbsent(cgroupIds[row], cgroupPath::apply);
      out.add(new AggregateRow(paths[row], syscalls[row], comms[row], pids[row], tids[row],
          flags[row], counts[row], durations[row], gaps[row], bytes[row], threads[row], cgroup,
          stacks[row]));
    }
    return out;
  }
}
