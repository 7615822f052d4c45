// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.StackStats;
import dev.ior.core.stack.CallStack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stacks of one syscall, one file or all calls, merged per stack (a stack that wrote two
 * files is one row of the syscall) and ranked by a metric, largest first; ties by the stack's
 * folded text, so rows keep their order from one second to the next.
 */
final class StackRanking {
  private StackRanking() {}

  /** One ranked stack: its totals over the selected calls. */
  record Row(CallStack stack, long count, long totalNs, long bytes) {
    long value(FlameMetric m) {
      switch (m) {
        case TIME:
          return totalNs;
        case BYTES:
          return bytes;
        default:
          return count;
      }
    }
  }

  /**
   * The rows of {@code stacks} whose syscall ({@link TableKind#SYSCALLS}) or file ({@link
   * TableKind#FILES}) is {@code key}, or all of them when {@code kind} is null.
   */
  static List<Row> rank(List<StackStats> stacks, TableKind kind, String key, FlameMetric m) {
    Map<CallStack, long[]> merged = new HashMap<>();
    for (StackStats s : stacks) {
      if (kind == TableKind.SYSCALLS && !s.syscall().equals(key)
          || kind == TableKind.FILES && !s.file().equals(key)) {
        continue;
      }
      long[] c = merged.computeIfAbsent(s.stack(), k -> new long[3]);
      c[0] += s.count();
      c[1] += s.totalNs();
      c[2] += s.bytes();
    }
    List<Row> rows = new ArrayList<>(merged.size());
    merged.forEach((stack, c) -> rows.add(new Row(stack, c[0], c[1], c[2])));
    rows.sort(Comparator.comparingLong((Row r) -> r.value(m)).reversed()
        .thenComparing(r -> r.stack().folded()));
    return rows;
  }
}
