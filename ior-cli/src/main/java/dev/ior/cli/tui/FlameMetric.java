// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.FlowStats;

/** What the width of a terminal flame-graph frame measures. */
enum FlameMetric {
  /** Calls. */
  COUNT,
  /** Summed latency. */
  TIME,
  /** Bytes read plus written. */
  BYTES;

  long of(FlowStats f) {
    switch (this) {
      case TIME:
        return f.totalNs();
      case BYTES:
        return f.bytes();
      default:
        return f.count();
    }
  }

  String format(long v) {
    switch (this) {
      case TIME:
        return Units.ns(v);
      case BYTES:
        return Units.bytes(v);
      default:
        return Units.count(v);
    }
  }

  FlameMetric next() {
    return values()[(ordinal() + 1) % values().length];
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
