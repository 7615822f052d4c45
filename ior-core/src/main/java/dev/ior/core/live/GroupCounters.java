// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.IoKind;

/**
 * Mutable totals of one group (a syscall, a file, a process): in an interval buffer written by
 * the consumer thread, or in the reader's running totals; {@link #snapshot} turns them into an
 * immutable {@link GroupStats}.
 */
final class GroupCounters {
  final Log2Histogram latency = new Log2Histogram();
  final Log2Histogram gap = new Log2Histogram();
  long count;
  long totalNs;
  long bytesRead;
  long bytesWritten;
  long errors;

  void record(SyscallPair pair) {
    long ns = pair.durationNs();
    count++;
    totalNs += ns;
    latency.record(ns);
    gap.record(pair.gapNs());
    if (pair.failed()) {
      errors++;
    }
    IoKind io = pair.syscall().io();
    if (io == IoKind.READ) {
      bytesRead += pair.bytes();
    } else if (io == IoKind.WRITE) {
      bytesWritten += pair.bytes();
    }
  }

  /** Adds {@code o}'s counts (the reader merging an interval into its totals). */
  void add(GroupCounters o) {
    count += o.count;
    totalNs += o.totalNs;
    bytesRead += o.bytesRead;
    bytesWritten += o.bytesWritten;
    errors += o.errors;
    latency.add(o.latency);
    gap.add(o.gap);
  }

  void reset() {
    count = 0;
    totalNs = 0;
    bytesRead = 0;
    bytesWritten = 0;
    errors = 0;
    latency.reset();
    gap.reset();
  }

  GroupStats snapshot(String key, String detail) {
    return new GroupStats(key, detail, count, totalNs, latency.max(), bytesRead, bytesWritten,
        errors, latency.frozenCopy(), gap.frozenCopy());
  }
}
