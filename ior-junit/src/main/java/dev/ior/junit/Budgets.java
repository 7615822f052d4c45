// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.IoKind;
import java.util.List;
import java.util.stream.Collectors;

/** Checks an {@link IoBudget} against what a test recorded. */
final class Budgets {
  private Budgets() {}

  /** Throws an {@link AssertionError} naming the first limit exceeded and its calls. */
  static void check(IoBudget b, RecordedIo io) {
    IoCalls all = io.calls();
    if (b.calls() >= 0) {
      all.atMost(b.calls());
    }
    if (b.opens() >= 0) {
      io.opened().atMost(b.opens());
    }
    if (b.fsyncs() >= 0) {
      io.syscalls("fsync", "fdatasync").atMost(b.fsyncs());
    }
    bytes(all, IoKind.WRITE, "written", b.bytesWritten());
    bytes(all, IoKind.READ, "read", b.bytesRead());
  }

  private static void bytes(IoCalls all, IoKind kind, String verb, long limit) {
    if (limit < 0) {
      return;
    }
    List<PairRecord> calls = all.list().stream()
        .filter(p -> p.syscall().io() == kind && p.ret() > 0).collect(Collectors.toList());
    long bytes = calls.stream().mapToLong(PairRecord::bytes).sum();
    if (bytes > limit) {
      throw IoCalls.failure("I/O budget: " + bytes + " bytes " + verb + ", at most " + limit
          + " allowed", calls);
    }
  }
}
