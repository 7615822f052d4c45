// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.util.IntMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One interval buffer of {@link LiveStats}: per-syscall, per-file, per-process, per-flow and
 * per-stack counters plus the newest pairs, written by the consumer thread until the reader swaps it out,
 * merges it into its {@link LiveTotals} and zeroes it for reuse. Lookups use the syscall id, the
 * pid and the file string the pipeline already holds, and zeroing keeps the entries, so a pair
 * of a group seen before allocates nothing.
 */
final class LiveTables {
  /** The file key of calls without a file (sync, failed fd lookups). */
  static final String NO_FILE = "(none)";

  final GroupCounters total = new GroupCounters();
  final RecentPairs recent;
  private GroupCounters[] syscalls = new GroupCounters[64];
  private String[] syscallNames = new String[64];
  private final Map<String, GroupCounters> files = new HashMap<>();
  private final IntMap<Process> processes = new IntMap<>(64);
  private final LiveStacks stacks = new LiveStacks();
  long skipped;
  long bytesRead;
  long bytesWritten;

  LiveTables(int recentCapacity) {
    recent = new RecentPairs(recentCapacity);
  }

  void record(SyscallPair p) {
    total.record(p);
    syscall(p).record(p);
    String file = p.file() == null ? NO_FILE : p.file();
    GroupCounters f = files.get(file);
    if (f == null) {
      f = new GroupCounters();
      files.put(file, f);
    }
    f.record(p);
    Process proc = processes.get(p.pid());
    if (proc == null) {
      proc = new Process();
      processes.put(p.pid(), proc);
    }
    proc.comm = p.comm(); // the latest name wins: exec renames a process
    proc.cgroupId = p.cgroupId(); // and the latest cgroup: a process can be moved
    proc.totals.record(p);
    proc.flow(p.syscall().id(), file).record(p);
    stacks.record(p, file);
    recent.record(p);
    IoKind io = p.syscall().io();
    if (io == IoKind.READ) {
      bytesRead += p.bytes();
    } else if (io == IoKind.WRITE) {
      bytesWritten += p.bytes();
    }
  }

  private GroupCounters syscall(SyscallPair p) {
    int id = p.syscall().id();
    if (id >= syscalls.length) {
      int n = Math.max(id + 1, syscalls.length * 2);
      syscalls = Arrays.copyOf(syscalls, n);
      syscallNames = Arrays.copyOf(syscallNames, n);
    }
    if (syscalls[id] == null) {
      syscalls[id] = new GroupCounters();
      syscallNames[id] = p.syscall().name();
    }
    return syscalls[id];
  }

  /** Adds this interval to {@code to}, then zeroes every counter (entries stay for reuse). */
  void drainInto(LiveTotals to) {
    to.add(total, skipped);
    for (int i = 0; i < syscalls.length; i++) {
      if (syscalls[i] != null && syscalls[i].count > 0) {
        to.addSyscall(syscallNames[i], syscalls[i]);
        syscalls[i].reset();
      }
    }
    files.forEach((name, c) -> {
      if (c.count > 0) {
        to.addFile(name, c);
        c.reset();
      }
    });
    processes.forEach((pid, p) -> p.drainInto(pid, to, syscallNames));
    stacks.drainInto(to, syscallNames);
    to.addRecent(recent.copy());
    recent.reset();
    total.reset();
    skipped = 0;
    bytesRead = 0;
    bytesWritten = 0;
  }

  /** One process: its totals and its (syscall, file) flows. */
  private static final class Process {
    final GroupCounters totals = new GroupCounters();
    final IntMap<Map<String, Flow>> flows = new IntMap<>(16);
    String comm;
    long cgroupId;

    Flow flow(int syscallId, String file) {
      Map<String, Flow> byFile = flows.get(syscallId);
      if (byFile == null) {
        byFile = new HashMap<>();
        flows.put(syscallId, byFile);
      }
      Flow f = byFile.get(file);
      if (f == null) {
        f = new Flow();
        byFile.put(file, f);
      }
      return f;
    }

    void drainInto(int pid, LiveTotals to, String[] syscallNames) {
      if (totals.count == 0) {
        return;
      }
      to.addProcess(pid, comm, cgroupId, totals);
      totals.reset();
      flows.forEach((id, byFile) -> byFile.forEach((file, f) -> {
        if (f.count > 0) {
          to.addFlow(pid, comm, syscallNames[id], file, f.count, f.totalNs, f.bytes);
          f.count = 0;
          f.totalNs = 0;
          f.bytes = 0;
        }
      }));
    }
  }

  /** Count, time and bytes of one flow; no histograms, to keep the many flows small. */
  private static final class Flow {
    long count;
    long totalNs;
    long bytes;

    void record(SyscallPair p) {
      count++;
      totalNs += p.durationNs();
      IoKind io = p.syscall().io();
      if (io == IoKind.READ || io == IoKind.WRITE) {
        bytes += p.bytes();
      }
    }
  }
}
