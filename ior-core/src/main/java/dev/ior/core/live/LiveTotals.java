// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.PairRecord;
import dev.ior.core.stack.CallStack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reader's running totals since the start or the last reset: the sum of every interval
 * buffer swapped out of {@link LiveStats}. Reader thread only.
 */
final class LiveTotals {
  private final GroupCounters total = new GroupCounters();
  private final Map<String, GroupCounters> syscalls = new HashMap<>();
  private final Map<String, GroupCounters> files = new HashMap<>();
  private final Map<Integer, GroupCounters> processes = new HashMap<>();
  private final Map<Integer, String> comms = new HashMap<>();
  private final Map<Integer, Long> cgroups = new HashMap<>();
  private final Map<FlowKey, long[]> flows = new HashMap<>();
  private final Map<StackKey, long[]> stacks = new HashMap<>();
  private final ArrayDeque<PairRecord> recent = new ArrayDeque<>();
  private final int recentCapacity;
  private long skipped;

  LiveTotals(int recentCapacity) {
    this.recentCapacity = recentCapacity;
  }

  /** A flow's identity; the comm is looked up by pid. */
  private record FlowKey(int pid, String syscall, String file) {}

  /** A (syscall, file, stack) combination of {@link StackStats}. */
  private record StackKey(String syscall, String file, CallStack stack) {}

  void add(GroupCounters intervalTotal, long intervalSkipped) {
    total.add(intervalTotal);
    skipped += intervalSkipped;
  }

  void addSyscall(String name, GroupCounters c) {
    syscalls.computeIfAbsent(name, k -> new GroupCounters()).add(c);
  }

  void addFile(String file, GroupCounters c) {
    files.computeIfAbsent(file, k -> new GroupCounters()).add(c);
  }

  void addProcess(int pid, String comm, long cgroupId, GroupCounters c) {
    processes.computeIfAbsent(pid, k -> new GroupCounters()).add(c);
    comms.put(pid, comm);
    cgroups.put(pid, cgroupId);
  }

  void addFlow(int pid, String comm, String syscall, String file, long count, long ns,
      long bytes) {
    long[] f = flows.computeIfAbsent(new FlowKey(pid, syscall, file), k -> new long[3]);
    f[0] += count;
    f[1] += ns;
    f[2] += bytes;
  }

  void addStack(String syscall, String file, CallStack stack, long count, long ns, long bytes) {
    long[] f = stacks.computeIfAbsent(new StackKey(syscall, file, stack), k -> new long[3]);
    f[0] += count;
    f[1] += ns;
    f[2] += bytes;
  }

  void addRecent(List<PairRecord> pairs) {
    for (PairRecord p : pairs) {
      if (recent.size() == recentCapacity) {
        recent.removeFirst();
      }
      recent.addLast(p);
    }
  }

  void clear() {
    total.reset();
    syscalls.clear();
    files.clear();
    processes.clear();
    comms.clear();
    cgroups.clear();
    flows.clear();
    stacks.clear();
    recent.clear();
    skipped = 0;
  }

  long skipped() {
    return skipped;
  }

  GroupStats total() {
    return total.snapshot("total", "");
  }

  List<GroupStats> syscalls() {
    List<GroupStats> out = new ArrayList<>(syscalls.size());
    syscalls.forEach((k, c) -> out.add(c.snapshot(k, "")));
    return out;
  }

  List<GroupStats> files() {
    List<GroupStats> out = new ArrayList<>(files.size());
    files.forEach((k, c) -> out.add(c.snapshot(k, "")));
    return out;
  }

  List<GroupStats> processes() {
    List<GroupStats> out = new ArrayList<>(processes.size());
    processes.forEach((pid, c) -> out.add(c.snapshot(Integer.toString(pid), comms.get(pid))));
    return out;
  }

  /**
   * One row per container (the label {@code cgroups} gives a process's cgroup: container,
   * service or session, else the cgroup path; "(unknown)" while not resolved), summing its
   * processes; the detail says how many.
   */
  List<GroupStats> containers(CgroupLookup lookup) {
    Map<String, List<GroupStats>> groups = new TreeMap<>();
    processes.forEach((pid, c) -> {
      long id = cgroups.getOrDefault(pid, 0L);
      CgroupInfo info = lookup.lookup(id);
      String label = info != null ? info.label() : id == 0 ? "(unknown)" : CgroupInfo.idLabel(id);
      groups.computeIfAbsent(label, k -> new ArrayList<>())
          .add(c.snapshot(Integer.toString(pid), comms.get(pid)));
    });
    List<GroupStats> out = new ArrayList<>(groups.size());
    groups.forEach((label, rows) -> out.add(GroupStats.merge(label,
        rows.size() + (rows.size() == 1 ? " process" : " processes"), rows)));
    return out;
  }

  List<FlowStats> flows() {
    List<FlowStats> out = new ArrayList<>(flows.size());
    flows.forEach((k, f) -> out.add(new FlowStats(comms.get(k.pid()), k.pid(), k.syscall(),
        k.file(), f[0], f[1], f[2])));
    return out;
  }

  List<StackStats> stacks() {
    List<StackStats> out = new ArrayList<>(stacks.size());
    stacks.forEach((k, f) -> out.add(new StackStats(k.syscall(), k.file(), k.stack(), f[0], f[1],
        f[2])));
    return out;
  }

  List<PairRecord> recent() {
    return new ArrayList<>(recent);
  }
}
