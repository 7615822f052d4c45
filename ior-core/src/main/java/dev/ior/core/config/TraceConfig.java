// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.config;

import dev.ior.core.syscall.SyscallSelection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to trace and how: filters, syscall selection and ring-buffer settings. Immutable; build
 * one with {@link #builder()}.
 *
 * <pre>{@code
 * TraceConfig cfg = TraceConfig.builder().pid(4242).path("/var/lib/mysql")
 *     .syscalls(List.of("read", "write")).build();
 * }</pre>
 *
 * @param pid process to trace (in the kernel), 0 for all
 * @param tid thread to trace (in the kernel), 0 for all
 * @param comm substring of the process's comm (the thread group leader's, as {@code ps -o comm}
 *     shows) to trace, in the kernel; null for all
 * @param path substring of the file (in user space), null for all
 * @param selection which syscalls to trace ({@link SyscallSelection}); all empty: file I/O
 * @param follow a process traced with every process it starts from now on (an in-kernel set of
 *     pids fed by fork); 0: off
 * @param cgroupId only tasks in this cgroup v2 (its id, the inode number of its directory) or
 *     below it; 0: every cgroup
 * @param ringBytes ring-buffer size in bytes, a power of two and a multiple of the page size
 * @param wakeupBytes pending bytes at whose every multiple the kernel wakes the consumer
 *     (once per crossing); 0 wakes per record
 * @param poll longest wait for data between drains (bounds latency when batching wakeups)
 * @param traceSelf whether the tracer's own process is traced too (all its threads but the
 *     trace's own consumer thread; {@code ior-junit} uses it); false: never traced, as the CLI
 */
public record TraceConfig(int pid, int tid, String comm, String path,
    SyscallSelection.Spec selection, long ringBytes, long wakeupBytes, Duration poll, int follow,
    long cgroupId, boolean traceSelf) {

  /** ior's default ring: 16 MiB. */
  public static final long DEFAULT_RING_BYTES = 1L << 24;
  /** Wake the consumer once 256 KiB wait (measured sweet spot with a 10 ms poll). */
  public static final long DEFAULT_WAKEUP_BYTES = 256 << 10;
  /** Longest the kernel may hold records without waking us. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(10);

  /**
   * Checks the configuration; an empty comm or path means no such filter (null).
   *
   * @param pid process to trace (in the kernel), 0 for all
   * @param tid thread to trace (in the kernel), 0 for all
   * @param comm substring of the process's comm (the thread group leader's, as {@code ps -o comm}
   *     shows) to trace, in the kernel; null for all
   * @param path substring of the file (in user space), null for all
   * @param selection which syscalls to trace ({@link SyscallSelection}); all empty: file I/O
   * @param follow a process traced with every process it starts from now on (an in-kernel set of
   *     pids fed by fork); 0: off
   * @param cgroupId only tasks in this cgroup v2 (its id, the inode number of its directory) or
   *     below it; 0: every cgroup
   * @param ringBytes ring-buffer size in bytes, a power of two and a multiple of the page size
   * @param wakeupBytes pending bytes at whose every multiple the kernel wakes the consumer
   *     (once per crossing); 0 wakes per record
   * @param poll longest wait for data between drains (bounds latency when batching wakeups)
   * @param traceSelf whether the tracer's own process is traced too (all its threads but the
   *     trace's own consumer thread; {@code ior-junit} uses it); false: never traced, as the CLI
   * @throws NullPointerException when selection or poll is null
   * @throws IllegalArgumentException when pid, tid or follow is negative, comm is longer than 15
   *     bytes, or ringBytes is not a power of two from 4 KiB to 512 MiB
   */
  public TraceConfig {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(poll, "poll");
    comm = comm == null || comm.isEmpty() ? null : comm;
    path = path == null || path.isEmpty() ? null : path;
    if (pid < 0 || tid < 0 || follow < 0) {
      throw new IllegalArgumentException("pid, tid and follow must be >= 0");
    }
    if (comm != null && comm.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
      throw new IllegalArgumentException(
          "comm filter longer than 15 bytes can never match (the kernel keeps 15): " + comm);
    }
    if (Long.bitCount(ringBytes) != 1 || ringBytes < 4096 || ringBytes > (1L << 29)) {
      throw new IllegalArgumentException(
          "ring size must be a power of two between 4 KiB and 512 MiB: " + ringBytes);
    }
  }

  /**
   * {@return this configuration tracing {@code pid} and all it starts from now on (0: off)}
   *
   * @param pid the process to follow, > 0; 0 turns following off
   */
  public TraceConfig withFollow(int pid) {
    return new TraceConfig(this.pid, tid, comm, path, selection, ringBytes, wakeupBytes, poll, pid,
        cgroupId, traceSelf);
  }

  /** {@return a builder with the defaults: everything traced, 16 MiB ring, batched wakeups} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TraceConfig}. */
  public static final class Builder {
    private int pid;
    private int tid;
    private String comm;
    private String path;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private List<String> syscalls = List.of();
    private List<String> families = List.of();
    private int follow;
    private long cgroupId;
    private long ringBytes = DEFAULT_RING_BYTES;
    private long wakeupBytes = DEFAULT_WAKEUP_BYTES;
    private Duration poll = DEFAULT_POLL;
    private boolean traceSelf;

    /**
     * Trace process {@code pid} only, filtered in the kernel (0, the default: every process).
     *
     * @param pid a process id (tgid), >= 0
     * @return this builder
     */
    public Builder pid(int pid) {
      this.pid = pid;
      return this;
    }

    /**
     * Trace thread {@code tid} only, filtered in the kernel (0, the default: every thread).
     *
     * @param tid a thread id, >= 0
     * @return this builder
     */
    public Builder tid(int tid) {
      this.tid = tid;
      return this;
    }

    /**
     * Trace processes whose comm (the thread group leader's, at most 15 bytes) contains {@code
     * comm}, filtered in the kernel (null or empty, the default: every process).
     *
     * @param comm a substring of at most 15 bytes, or null
     * @return this builder
     */
    public Builder comm(String comm) {
      this.comm = comm;
      return this;
    }

    /**
     * Keep calls whose file (or second file) contains {@code path}, filtered in user space once
     * the descriptor's file is known (null or empty, the default: every file).
     *
     * @param path a substring of the file's path, or null
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * Tracepoint selection as ior's -tps and -tpsExclude: regexes, found anywhere in the name.
     *
     * @param include regexes of tracepoints to trace (empty: no selection by tracepoint)
     * @param exclude regexes of tracepoints to leave out of what is otherwise selected
     * @return this builder
     */
    public Builder tracepoints(List<String> include, List<String> exclude) {
      this.include = include;
      this.exclude = exclude;
      return this;
    }

    /**
     * Syscalls by name ({@code read}, {@code openat}), added to the other selections.
     *
     * @param names syscall names as in ior's syscall table
     * @return this builder
     */
    public Builder syscalls(List<String> names) {
      this.syscalls = names;
      return this;
    }

    /**
     * Syscall families ({@code fs}, {@code net}, ...), added to the other selections.
     *
     * @param families family names as in {@link dev.ior.core.syscall.SyscallTable#FAMILIES}
     * @return this builder
     */
    public Builder families(List<String> families) {
      this.families = families;
      return this;
    }

    /**
     * Trace {@code pid} and every process it starts from now on (0: off).
     *
     * @param pid the process to follow, >= 0
     * @return this builder
     */
    public Builder follow(int pid) {
      this.follow = pid;
      return this;
    }

    /**
     * Trace only tasks in cgroup v2 {@code cgroupId} or below it (0: off).
     *
     * @param cgroupId the cgroup's id (the inode number of its directory), >= 0
     * @return this builder
     */
    public Builder cgroup(long cgroupId) {
      this.cgroupId = cgroupId;
      return this;
    }

    /**
     * Ring-buffer size, bytes: a power of two from 4 KiB to 512 MiB (default 16 MiB).
     *
     * @param ringBytes the size, bytes
     * @return this builder
     */
    public Builder ringBytes(long ringBytes) {
      this.ringBytes = ringBytes;
      return this;
    }

    /**
     * Pending bytes at which the kernel wakes the consumer (default 256 KiB; 0: per record): the
     * record that takes the pending data past a multiple of it forces one wakeup, the records
     * after it none (a forced wakeup is an irq_work on the traced thread's CPU).
     *
     * @param wakeupBytes the threshold, bytes, >= 0
     * @return this builder
     */
    public Builder wakeupBytes(long wakeupBytes) {
      this.wakeupBytes = wakeupBytes;
      return this;
    }

    /**
     * Longest wait for data between drains (default 10 ms): bounds latency with batched wakeups.
     *
     * @param poll the longest wait, > 0
     * @return this builder
     */
    public Builder poll(Duration poll) {
      this.poll = poll;
      return this;
    }

    /**
     * Traces the tracer's own process too, all its threads but the trace's consumer (default:
     * never, so that a system-wide trace does not see itself). With {@link #follow} of this
     * process's pid: the test's threads and every process they start.
     *
     * @param traceSelf whether to trace the tracer's own process
     * @return this builder
     */
    public Builder traceSelf(boolean traceSelf) {
      this.traceSelf = traceSelf;
      return this;
    }

    /**
     * {@return the configuration built so far}
     *
     * @throws IllegalArgumentException when a value is out of range (see {@link TraceConfig})
     */
    public TraceConfig build() {
      return new TraceConfig(pid, tid, comm, path,
          new SyscallSelection.Spec(include, exclude, syscalls, families), ringBytes, wakeupBytes,
          poll, follow, cgroupId, traceSelf);
    }
  }
}
