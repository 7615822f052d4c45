// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.util.IntMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The interval counters of {@link LiveTables} per (syscall, file, user stack), for the calls
 * whose stack was taken. Stacks are the pipeline's shared {@link CallStack} instances, so a
 * lookup hashes a cached string and compares references; like the other tables, entries are
 * zeroed, not removed, between intervals, so a combination seen before allocates nothing.
 * Bounded: past {@link #MAX_ENTRIES} combinations in one buffer, new ones count under {@link
 * #OVERFLOW} (a workload with thousands of distinct stacks per file would otherwise grow the
 * dashboard without limit). Consumer thread only.
 */
final class LiveStacks {
  /** Combinations one interval buffer keeps apart. */
  static final int MAX_ENTRIES = 50_000;
  /** Where the calls of combinations past the bound are counted. */
  static final CallStack OVERFLOW = CallStack.marker("[more stacks than the dashboard keeps]");

  private final IntMap<Map<String, Map<CallStack, long[]>>> bySyscall = new IntMap<>(16);
  private int entries;

  /** Counts {@code p} under {@code file} when its stack was taken. */
  void record(SyscallPair p, String file) {
    CallStack stack = p.stack();
    if (stack == CallStack.NOT_TAKEN) {
      return;
    }
    Map<String, Map<CallStack, long[]>> byFile = bySyscall.get(p.syscall().id());
    if (byFile == null) {
      byFile = new HashMap<>();
      bySyscall.put(p.syscall().id(), byFile);
    }
    Map<CallStack, long[]> byStack = byFile.get(file);
    if (byStack == null) {
      byStack = new HashMap<>();
      byFile.put(file, byStack);
    }
    long[] c = byStack.get(stack);
    if (c == null) {
      if (entries >= MAX_ENTRIES) {
        stack = OVERFLOW;
        c = byStack.get(stack);
      }
      if (c == null) {
        c = new long[3];
        byStack.put(stack, c);
        entries++;
      }
    }
    c[0]++;
    c[1] += p.durationNs();
    IoKind io = p.syscall().io();
    if (io == IoKind.READ || io == IoKind.WRITE) {
      c[2] += p.bytes();
    }
  }

  /** Adds this interval's counts to {@code to} and zeroes them; syscall names by id. */
  void drainInto(LiveTotals to, String[] syscallNames) {
    bySyscall.forEach((id, byFile) -> byFile.forEach((file, byStack) ->
        byStack.forEach((stack, c) -> {
          if (c[0] > 0) {
            to.addStack(syscallNames[id], file, stack, c[0], c[1], c[2]);
            c[0] = 0;
            c[1] = 0;
            c[2] = 0;
          }
        })));
  }
}
