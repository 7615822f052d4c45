// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import java.util.Objects;

/**
 * One aggregated row of a trace: a key (path, syscall, comm, pid, tid, flags, thread, cgroup)
 * and its counters.
 * Immutable; produced by {@link AggregateTable#rows()} and by the {@code .ior} file reader.
 *
 * <pre>{@code
 * for (AggregateRow r : table.rows()) {
 *   System.out.println(r.syscall() + " " + r.path() + " " + r.count() + " calls");
 * }
 * }</pre>
 *
 * @param path the file (absolute where resolved), "" when unknown
 * @param syscall the syscall's name, e.g. {@code openat}
 * @param comm the process's comm (the thread group leader's)
 * @param pid process id (tgid)
 * @param tid thread id
 * @param flags open flags as in {@code SyscallPair.flags()}; -1 when unknown
 * @param count number of calls
 * @param durationNs summed latency, ns
 * @param durationToPrevNs summed time since the thread's previous syscall, ns
 * @param bytes summed bytes read, written or transferred
 * @param thread the thread's own comm; equal to {@code comm} in files written before it existed
 * @param cgroup the task's cgroup v2 path ({@code /system.slice/nginx.service}), {@code #<id>}
 *     when only its id is known, "" when not even that (no cgroup v2, older files)
 * @param stack the calls' user stack, folded root first ({@code main;flush_log;write_all;write},
 *     see {@code CallStack.folded()}); "" when no stack was recorded (stacks off, older files)
 */
public record AggregateRow(String path, String syscall, String comm, int pid, int tid, int flags,
    long count, long durationNs, long durationToPrevNs, long bytes, String thread,
    String cgroup, String stack) {
  /**
   * Checks the components: path, syscall and comm are required; a missing thread name is the comm,
   * a missing cgroup or stack is empty.
   *
   * @param path the file (absolute where resolved), "" when unknown
   * @param syscall the syscall's name, e.g. {@code openat}
   * @param comm the process's comm (the thread group leader's)
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flags open flags as in {@code SyscallPair.flags()}; -1 when unknown
   * @param count number of calls
   * @param durationNs summed latency, ns
   * @param durationToPrevNs summed time since the thread's previous syscall, ns
   * @param bytes summed bytes read, written or transferred
   * @param thread the thread's own comm; equal to {@code comm} in files written before it existed
   * @param cgroup the task's cgroup v2 path ({@code /system.slice/nginx.service}), {@code #<id>}
   *     when only its id is known, "" when not even that (no cgroup v2, older files)
   * @param stack the calls' user stack, folded root first ({@code main;flush_log;write_all;write},
   *     see {@code CallStack.folded()}); "" when no stack was recorded (stacks off, older files)
   * @throws NullPointerException when path, syscall or comm is null
   */
  public AggregateRow {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(syscall, "syscall");
    Objects.requireNonNull(comm, "comm");
    thread = thread == null || thread.isEmpty() ? comm : thread;
    cgroup = cgroup == null ? "" : cgroup;
    stack = stack == null ? "" : stack;
  }

  /**
   * A row without a stack.
   *
   * @param path the file (absolute where resolved), "" when unknown
   * @param syscall the syscall's name, e.g. {@code openat}
   * @param comm the process's comm (the thread group leader's)
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flags open flags as in {@code SyscallPair.flags()}; -1 when unknown
   * @param count number of calls
   * @param durationNs summed latency, ns
   * @param durationToPrevNs summed time since the thread's previous syscall, ns
   * @param bytes summed bytes read, written or transferred
   * @param thread the thread's own comm; equal to {@code comm} in files written before it existed
   * @param cgroup the task's cgroup v2 path ({@code /system.slice/nginx.service}), {@code #<id>}
   *     when only its id is known, "" when not even that (no cgroup v2, older files)
   */
  public AggregateRow(String path, String syscall, String comm, int pid, int tid, int flags,
      long count, long durationNs, long durationToPrevNs, long bytes, String thread,
      String cgroup) {
    this(path, syscall, comm, pid, tid, flags, count, durationNs, durationToPrevNs, bytes, thread,
        cgroup, "");
  }

  /**
   * A row without a cgroup.
   *
   * @param path the file (absolute where resolved), "" when unknown
   * @param syscall the syscall's name, e.g. {@code openat}
   * @param comm the process's comm (the thread group leader's)
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flags open flags as in {@code SyscallPair.flags()}; -1 when unknown
   * @param count number of calls
   * @param durationNs summed latency, ns
   * @param durationToPrevNs summed time since the thread's previous syscall, ns
   * @param bytes summed bytes read, written or transferred
   * @param thread the thread's own comm; equal to {@code comm} in files written before it existed
   */
  public AggregateRow(String path, String syscall, String comm, int pid, int tid, int flags,
      long count, long durationNs, long durationToPrevNs, long bytes, String thread) {
    this(path, syscall, comm, pid, tid, flags, count, durationNs, durationToPrevNs, bytes, thread,
        "");
  }

  /**
   * A row whose thread is named like its process.
   *
   * @param path the file (absolute where resolved), "" when unknown
   * @param syscall the syscall's name, e.g. {@code openat}
   * @param comm the process's comm (the thread group leader's)
   * @param pid process id (tgid)
   * @param tid thread id
   * @param flags open flags as in {@code SyscallPair.flags()}; -1 when unknown
   * @param count number of calls
   * @param durationNs summed latency, ns
   * @param durationToPrevNs summed time since the thread's previous syscall, ns
   * @param bytes summed bytes read, written or transferred
   */
  public AggregateRow(String path, String syscall, String comm, int pid, int tid, int flags,
      long count, long durationNs, long durationToPrevNs, long bytes) {
    this(path, syscall, comm, pid, tid, flags, count, durationNs, durationToPrevNs, bytes, comm);
  }
}
