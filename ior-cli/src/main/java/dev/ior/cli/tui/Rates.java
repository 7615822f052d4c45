// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/** The Overview's rate histories: calls, events, bytes read and bytes written per second. */
final class Rates {
  static final int HISTORY = 120;

  final Sparkline calls = new Sparkline(HISTORY);
  final Sparkline events = new Sparkline(HISTORY);
  final Sparkline read = new Sparkline(HISTORY);
  final Sparkline written = new Sparkline(HISTORY);

  void add(double callsPerSecond, double readPerSecond, double writtenPerSecond) {
    calls.add(callsPerSecond);
    read.add(readPerSecond);
    written.add(writtenPerSecond);
  }

  void clear() {
    calls.clear();
    events.clear();
    read.clear();
    written.clear();
  }
}
