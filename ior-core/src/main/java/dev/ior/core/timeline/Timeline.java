// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import dev.ior.core.event.Errno;
import dev.ior.core.timeline.TimelineSink.ProcessEvents;
import dev.ior.core.timeline.TimelineSink.Slices;
import dev.ior.core.timeline.TimelineSink.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The calls a {@link TimelineSink} kept, ordered by start, with the threads and processes they
 * ran in, the processes' exec/fork/exit and their bytes per 100 ms: what the timeline writers
 * read. A view of the sink taken after the trace; times are CLOCK_MONOTONIC ns.
 *
 * <pre>{@code
 * Timeline t = sink.timeline();
 * System.out.println(t.size() + " of " + t.seen() + " calls, " + t.leftOut() + " left out");
 * Timeline.Slice first = t.slice(0);
 * }</pre>
 */
public final class Timeline {
  private final TimelineSink sink;
  private final int[] order;
  private final long seen;
  private final long leftOut;
  private final long firstNs;
  private final long lastNs;

  Timeline(TimelineSink sink, int[] order, long seen, long leftOut, long firstNs, long lastNs) {
    this.sink = sink;
    this.order = order;
    this.seen = seen;
    this.leftOut = leftOut;
    this.firstNs = firstNs;
    this.lastNs = lastNs;
  }

  /**
   * One kept call.
   *
   * @param syscall the syscall's name
   * @param pid process id
   * @param tid thread id
   * @param enterNs enter time, CLOCK_MONOTONIC ns
   * @param exitNs exit time, CLOCK_MONOTONIC ns
   * @param ret return value
   * @param errno the error's name for a failed call, else empty
   * @param fd the descriptor, or -1
   * @param bytes bytes moved
   * @param file the file, or null
   * @param file2 the second file (rename target, transfer destination), or null
   */
  public record Slice(String syscall, int pid, int tid, long enterNs, long exitNs, long ret,
      String errno, int fd, long bytes, String file, String file2) {}

  /**
   * One exec, fork or exit.
   *
   * @param kind {@code exec}, {@code fork}, {@code exit}, or {@code mark} (a moment worth
   *     marking, e.g. a flight recording's trigger; its label in {@code comm})
   * @param pid process id
   * @param tid thread id
   * @param timeNs CLOCK_MONOTONIC ns
   * @param child the new task's id for a fork, else 0
   * @param comm the new program's name for an exec, the label of a mark, else null
   */
  public record ProcessEvent(String kind, int pid, int tid, long timeNs, int child,
      String comm) {}

  /**
   * Bytes of one process in one 100 ms bucket.
   *
   * @param startNs the bucket's start, CLOCK_MONOTONIC ns
   * @param read bytes read
   * @param written bytes written
   * @param transferred bytes transferred between descriptors
   */
  public record Bucket(long startNs, long read, long written, long transferred) {}

  /** {@return number of calls kept} */
  public int size() {
    return order.length;
  }

  /** {@return calls seen, kept or not} */
  public long seen() {
    return seen;
  }

  /** {@return calls left out by the limit: the fastest ones} */
  public long leftOut() {
    return leftOut;
  }

  /** {@return earliest time of any call or process event seen; 0 when none} */
  public long firstNs() {
    return firstNs;
  }

  /** {@return latest time of any call or process event seen; 0 when none} */
  public long lastNs() {
    return lastNs;
  }

  /**
   * {@return the {@code i}-th kept call by start time}
   *
   * @param i 0 .. {@link #size()} - 1
   */
  public Slice slice(int i) {
    Slices s = sink.slices;
    int k = order[i];
    long ret = s.ret[k];
    return new Slice(s.syscall[k].name(), s.pid[k], s.tid[k], s.enter[k], s.exit[k], ret,
        ret < 0 ? Errno.name(ret) : "", s.fd[k], s.bytes[k], s.file[k], s.file2[k]);
  }

  /** {@return the exec, fork, exit and mark events in arrival order} */
  public List<ProcessEvent> processEvents() {
    ProcessEvents e = sink.processEvents;
    List<ProcessEvent> list = new ArrayList<>(e.size);
    for (int i = 0; i < e.size; i++) {
      String kind = e.kind[i] == ProcessEvents.EXEC ? "exec"
          : e.kind[i] == ProcessEvents.FORK ? "fork"
          : e.kind[i] == ProcessEvents.MARK ? "mark" : "exit";
      list.add(new ProcessEvent(kind, e.pid[i], e.tid[i], e.time[i], e.child[i], e.comm[i]));
    }
    return list;
  }

  /** {@return thread id to its process id, for every thread seen, by thread id} */
  public TreeMap<Integer, Integer> threads() {
    TreeMap<Integer, Integer> m = new TreeMap<>();
    sink.tasks.forEach((tid, t) -> m.put(tid, t.pid));
    return m;
  }

  /**
   * {@return the thread's latest name, or "" when unknown}
   *
   * @param tid thread id
   */
  public String threadName(int tid) {
    Task t = sink.tasks.get(tid);
    return t == null || t.comm == null ? "" : t.comm;
  }

  /**
   * {@return the process's name: its main thread's (the thread whose id is the process id, as
   * {@code ps} shows), else any of its threads'}
   *
   * @param pid process id (tgid)
   */
  public String processName(int pid) {
    String main = threadName(pid);
    if (!main.isEmpty()) {
      return main;
    }
    String[] any = {""};
    sink.tasks.forEach((tid, t) -> {
      if (t.pid == pid && any[0].isEmpty() && t.comm != null) {
        any[0] = t.comm;
      }
    });
    return any[0];
  }

  /** {@return per process id, its byte buckets in time order} */
  public TreeMap<Integer, List<Bucket>> counters() {
    TreeMap<Integer, List<Bucket>> m = new TreeMap<>();
    sink.counters.forEach((pid, c) -> {
      List<Bucket> list = new ArrayList<>(c.size);
      for (int i = 0; i < c.size; i++) {
        list.add(new Bucket(c.bucket[i] * TimelineSink.BUCKET_NS, c.read[i], c.written[i],
            c.transferred[i]));
      }
      m.put(pid, list);
    });
    return m;
  }
}
