// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.event.SyscallPair;

/**
 * One filter of the Stream tab, pushed from a selected cell: equal comm, syscall or file, or a
 * latency of at least N ns.
 *
 * @param kind what is compared
 * @param value the comm, syscall or file to match (for LATENCY: the threshold as text)
 * @param minNs the latency threshold, ns (LATENCY only)
 */
record StreamFilter(Kind kind, String value, long minNs) {
  /** What a filter compares. */
  enum Kind {
    COMM, PID, SYSCALL, FILE, LATENCY
  }

  static StreamFilter of(Kind kind, String value) {
    return new StreamFilter(kind, value, 0);
  }

  static StreamFilter minLatency(long ns) {
    return new StreamFilter(Kind.LATENCY, Units.ns(ns), ns);
  }

  boolean matches(SyscallPair p) {
    switch (kind) {
      case COMM:
        return value.equals(p.comm());
      case PID:
        return value.equals(Integer.toString(p.pid()));
      case SYSCALL:
        return value.equals(p.syscall().name());
      case FILE:
        return value.equals(p.file() == null ? "" : p.file());
      default:
        return p.durationNs() >= minNs;
    }
  }

  /** As shown in the filter bar: "comm=postgres", "latency>=1.00ms". */
  String label() {
    return kind == Kind.LATENCY ? "latency>=" + value
        : kind.name().toLowerCase(java.util.Locale.ROOT) + "=" + Names.shown(value);
  }
}
