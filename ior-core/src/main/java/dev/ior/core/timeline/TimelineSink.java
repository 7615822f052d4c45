// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.util.IntMap;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.Syscall;
import java.util.Arrays;

/**
 * Keeps every syscall of a trace with its time, thread and result, for a per-thread timeline
 * ({@link ChromeTraceWriter}, {@link SpeedscopeWriter}); also the processes' exec, fork and
 * exit, and bytes per process in 100 ms buckets. With a limit it keeps the slowest calls (a
 * min-heap by latency: each call costs O(log limit)) and counts the ones left out. Storage is
 * columns of primitives grown by doubling, so a call allocates nothing once they have grown.
 * Not thread-safe: the consumer thread feeds it, {@link #timeline()} is read after the trace.
 *
 * <pre>{@code
 * TimelineSink t = new TimelineSink(1_000_000);
 * ... the pipeline feeds t ...
 * Timeline timeline = t.timeline();
 * ChromeTraceWriter.write(timeline, meta, out);
 * }</pre>
 */
public final class TimelineSink implements PairSink {
  /** Width of a bytes/s counter bucket, ns. */
  public static final long BUCKET_NS = 100_000_000L;

  private final int limit;
  final Slices slices = new Slices();
  private int[] heap; // slot indices, min-heap by latency; built when the limit is reached
  private long seen;
  private long leftOut;
  private long firstNs = Long.MAX_VALUE;
  private long lastNs = Long.MIN_VALUE;
  final IntMap<Task> tasks = new IntMap<>(256);
  final ProcessEvents processEvents = new ProcessEvents();
  final IntMap<Counter> counters = new IntMap<>(64);

  /**
   * A sink keeping at most {@code limit} calls (the slowest), or all of them for 0.
   *
   * @param limit the most calls kept, >= 0; 0: all
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  public TimelineSink(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the event limit must be >= 0 (0: all): " + limit);
    }
    this.limit = limit;
  }

  /** What the sink knows of a thread: its process and its latest name. */
  static final class Task {
    int pid;
    String comm;

    Task(int pid, String comm) {
      this.pid = pid;
      this.comm = comm;
    }
  }

  @Override
  public void accept(SyscallPair p) {
    seen++;
    time(p.enterNs());
    time(p.exitNs());
    Task t = tasks.get(p.tid());
    if (t == null) {
      tasks.put(p.tid(), new Task(p.pid(), p.comm()));
    } else {
      t.pid = p.pid();
      t.comm = p.comm();
    }
    if (p.bytes() > 0 && !p.failed()) {
      Counter c = counters.get(p.pid());
      if (c == null) {
        c = new Counter();
        counters.put(p.pid(), c);
      }
      c.add(Math.floorDiv(p.exitNs(), BUCKET_NS), p.syscall().io(), p.bytes());
    }
    keep(p);
  }

  private void keep(SyscallPair p) {
    if (limit == 0 || slices.size < limit) {
      slices.add(p);
      if (limit > 0 && slices.size == limit) {
        heap = new int[limit];
        for (int i = 0; i < limit; i++) {
          heap[i] = i;
        }
        for (int i = limit / 2 - 1; i >= 0; i--) {
          siftDown(i);
        }
      }
      return;
    }
    leftOut++;
    long d = p.exitNs() - p.enterNs();
    if (d > slices.duration(heap[0])) { // slower than the fastest kept: it takes that one's slot
      slices.set(heap[0], p);
      siftDown(0);
    }
  }

  private void siftDown(int i) {
    int n = heap.length;
    int slot = heap[i];
    long d = slices.duration(slot);
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        break;
      }
      if (c + 1 < n && slices.duration(heap[c + 1]) < slices.duration(heap[c])) {
        c++;
      }
      if (slices.duration(heap[c]) >= d) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = slot;
  }

  private void time(long ns) {
    firstNs = Math.min(firstNs, ns);
    lastNs = Math.max(lastNs, ns);
  }

  @Override
  public void exec(int pid, int tid, long timeNs, String comm) {
    time(timeNs);
    Task t = tasks.get(tid);
    if (t == null) {
      tasks.put(tid, new Task(pid, comm));
    } else {
      t.pid = pid;
      t.comm = comm;
    }
    processEvents.add(ProcessEvents.EXEC, pid, tid, timeNs, 0, comm);
  }

  @Override
  public void fork(int pid, int tid, int childPid, long timeNs) {
    time(timeNs);
    processEvents.add(ProcessEvents.FORK, pid, tid, timeNs, childPid, null);
  }

  @Override
  public void taskExit(int pid, int tid, long timeNs) {
    time(timeNs);
    processEvents.add(ProcessEvents.EXIT, pid, tid, timeNs, 0, null);
  }

  /** Kept as a process event of kind {@code mark} with the label as its comm. */
  @Override
  public void mark(long timeNs, int pid, int tid, String label) {
    time(timeNs);
    processEvents.add(ProcessEvents.MARK, pid, tid, timeNs, 0, label);
  }

  /**
   * {@return the calls kept so far, ordered by start, with threads, process events and counters}
   */
  public Timeline timeline() {
    Integer[] order = new Integer[slices.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(slices.enter[a], slices.enter[b]);
      return c != 0 ? c : Integer.compare(slices.tid[a], slices.tid[b]);
    });
    int[] sorted = new int[order.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = order[i];
    }
    return new Timeline(this, sorted, seen, leftOut,
        firstNs == Long.MAX_VALUE ? 0 : firstNs, lastNs == Long.MIN_VALUE ? 0 : lastNs);
  }

  /** The kept calls as columns; slot i of every column is one call. */
  static final class Slices {
    int size;
    long[] enter = new long[0];
    long[] exit = new long[0];
    long[] ret = new long[0];
    long[] bytes = new long[0];
    int[] pid = new int[0];
    int[] tid = new int[0];
    int[] fd = new int[0];
    Syscall[] syscall = new Syscall[0];
    String[] file = new String[0];
    String[] file2 = new String[0];

    void add(SyscallPair p) {
      if (size == enter.length) {
        grow(Math.max(1024, size * 2));
      }
      set(size++, p);
    }

    void set(int i, SyscallPair p) {
      enter[i] = p.enterNs();
      exit[i] = p.exitNs();
      ret[i] = p.ret();
      bytes[i] = p.bytes();
      pid[i] = p.pid();
      tid[i] = p.tid();
      fd[i] = p.fd();
      syscall[i] = p.syscall();
      file[i] = p.file();
      file2[i] = p.file2();
    }

    long duration(int i) {
      return exit[i] - enter[i];
    }

    private void grow(int n) {
      enter = Arrays.copyOf(enter, n);
      exit = Arrays.copyOf(exit, n);
      ret = Arrays.copyOf(ret, n);
      bytes = Arrays.copyOf(bytes, n);
      pid = Arrays.copyOf(pid, n);
      tid = Arrays.copyOf(tid, n);
      fd = Arrays.copyOf(fd, n);
      syscall = Arrays.copyOf(syscall, n);
      file = Arrays.copyOf(file, n);
      file2 = Arrays.copyOf(file2, n);
    }
  }

  /** exec, fork and exit of tasks, in arrival order. */
  static final class ProcessEvents {
    static final int EXEC = 0;
    static final int FORK = 1;
    static final int EXIT = 2;
    static final int MARK = 3;

    int size;
    int[] kind = new int[16];
    int[] pid = new int[16];
    int[] tid = new int[16];
    int[] child = new int[16];
    long[] time = new long[16];
    String[] comm = new String[16];

    void add(int k, int p, int t, long ns, int c, String name) {
      if (size == kind.length) {
        int n = size * 2;
        kind = Arrays.copyOf(kind, n);
        pid = Arrays.copyOf(pid, n);
        tid = Arrays.copyOf(tid, n);
        child = Arrays.copyOf(child, n);
        time = Arrays.copyOf(time, n);
        comm = Arrays.copyOf(comm, n);
      }
      kind[size] = k;
      pid[size] = p;
      tid[size] = t;
      child[size] = c;
      time[size] = ns;
      comm[size] = name;
      size++;
    }
  }

  /**
   * Bytes of one process per bucket: read, written and transferred. Calls arrive nearly in
   * time order, so the bucket is looked for from the newest back.
   */
  static final class Counter {
    int size;
    long[] bucket = new long[8];
    long[] read = new long[8];
    long[] written = new long[8];
    long[] transferred = new long[8];

    void add(long b, IoKind io, long n) {
      int i = size - 1;
      while (i >= 0 && bucket[i] > b) {
        i--;
      }
      if (i < 0 || bucket[i] != b) {
        i = insert(i + 1, b);
      }
      if (io == IoKind.READ) {
        read[i] += n;
      } else if (io == IoKind.WRITE) {
        written[i] += n;
      } else {
        transferred[i] += n;
      }
    }

    private int insert(int at, long b) {
      if (size == bucket.length) {
        int n = size * 2;
        bucket = Arrays.copyOf(bucket, n);
        read = Arrays.copyOf(read, n);
        written = Arrays.copyOf(written, n);
        transferred = Arrays.copyOf(transferred, n);
      }
      int tail = size - at;
      System.arraycopy(bucket, at, bucket, at + 1, tail);
      System.arraycopy(read, at, read, at + 1, tail);
      System.arraycopy(written, at, written, at + 1, tail);
      System.arraycopy(transferred, at, transferred, at + 1, tail);
      bucket[at] = b;
      read[at] = 0;
      written[at] = 0;
      transferred[at] = 0;
      size++;
      return at;
    }
  }
}
