// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.PairRecord;
import java.util.List;

/**
 * Everything the live view shows at one moment, immutable, handed from the consumer thread to
 * the viewer by {@link LiveStats#latest()}. Totals count since the start or the last reset;
 * the {@code interval*} fields count since the previous snapshot, for rates.
 *
 * <pre>{@code
 * LiveSnapshot s = live.latest();
 * double callsPerSecond = s.intervalPairs() * 1e9 / Math.max(1, s.intervalNs());
 * }</pre>
 *
 * @param sequence increases by one per published snapshot
 * @param takenNs when it was taken (the clock of {@link LiveStats}, ns)
 * @param elapsedNs since the start or the last reset, ns
 * @param intervalNs length of the interval since the previous snapshot, ns
 * @param intervalPairs pairs counted in that interval
 * @param intervalBytesRead bytes read in that interval
 * @param intervalBytesWritten bytes written in that interval
 * @param skipped pairs left out by the user-space target filter since the start or reset
 * @param target the pid the view is narrowed to, 0 for all
 * @param total totals over all pairs
 * @param syscalls one row per syscall seen
 * @param files one row per file seen ({@code "(none)"} for calls without a file)
 * @param processes one row per pid (key: the pid; detail: the comm)
 * @param containers one row per container, service or session, else cgroup path (key: the
 *     label; detail: how many processes), summing its processes
 * @param flows one entry per (pid, syscall, file), for the flame graph
 * @param stacks one entry per (syscall, file, user stack) of the calls whose stack was taken
 *     (empty when stacks are off), for the top stacks of a file or syscall
 * @param recent the newest pairs, oldest first
 */
public record LiveSnapshot(long sequence, long takenNs, long elapsedNs, long intervalNs,
    long intervalPairs, long intervalBytesRead, long intervalBytesWritten, long skipped,
    int target, GroupStats total, List<GroupStats> syscalls, List<GroupStats> files,
    List<GroupStats> processes, List<GroupStats> containers, List<FlowStats> flows,
    List<StackStats> stacks, List<PairRecord> recent) {

  /**
   * Copies the lists so that the snapshot stays immutable.
   *
   * @param sequence increases by one per published snapshot
   * @param takenNs when it was taken (the clock of {@link LiveStats}, ns)
   * @param elapsedNs since the start or the last reset, ns
   * @param intervalNs length of the interval since the previous snapshot, ns
   * @param intervalPairs pairs counted in that interval
   * @param intervalBytesRead bytes read in that interval
   * @param intervalBytesWritten bytes written in that interval
   * @param skipped pairs left out by the user-space target filter since the start or reset
   * @param target the pid the view is narrowed to, 0 for all
   * @param total totals over all pairs
   * @param syscalls one row per syscall seen
   * @param files one row per file seen ({@code "(none)"} for calls without a file)
   * @param processes one row per pid (key: the pid; detail: the comm)
   * @param containers one row per container, service or session, else cgroup path (key: the
   *     label; detail: how many processes), summing its processes
   * @param flows one entry per (pid, syscall, file), for the flame graph
   * @param stacks one entry per (syscall, file, user stack) of the calls whose stack was taken
   *     (empty when stacks are off), for the top stacks of a file or syscall
   * @param recent the newest pairs, oldest first
   */
  public LiveSnapshot {
    syscalls = List.copyOf(syscalls);
    files = List.copyOf(files);
    processes = List.copyOf(processes);
    containers = List.copyOf(containers);
    flows = List.copyOf(flows);
    stacks = List.copyOf(stacks);
    recent = List.copyOf(recent);
  }

  /** {@return pairs per second in the last interval} */
  public double pairsPerSecond() {
    return perSecond(intervalPairs);
  }

  /** {@return bytes read per second in the last interval} */
  public double readPerSecond() {
    return perSecond(intervalBytesRead);
  }

  /** {@return bytes written per second in the last interval} */
  public double writtenPerSecond() {
    return perSecond(intervalBytesWritten);
  }

  private double perSecond(long n) {
    return intervalNs <= 0 ? 0 : n * 1e9 / intervalNs;
  }
}
