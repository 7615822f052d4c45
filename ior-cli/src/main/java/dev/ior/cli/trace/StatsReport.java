// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.core.stats.TraceStats;
import java.util.Locale;

/**
 * The end-of-run summary printed to stderr: what was seen, what passed the filters, and every
 * kind of loss on its own line. Totals say "at least" when anything was lost.
 */
public final class StatsReport {
  private StatsReport() {}

  /** The report of a live trace as lines of text. */
  public static String format(TraceStats s, int attachedSyscalls) {
    return format(s, String.format(Locale.ROOT, "ior: traced %.1f s, %d syscalls attached",
        s.durationNs() / 1e9, attachedSyscalls));
  }

  /** The report under its own first line. */
  public static String format(TraceStats s, String headline) {
    return format(s, headline, false);
  }

  /**
   * The report under its own first line; with {@code incomplete} (a recording cut short) every
   * total is a lower bound, as when events were lost.
   */
  public static String format(TraceStats s, String headline, boolean incomplete) {
    double secs = s.durationNs() / 1e9;
    String atLeast = s.lossy() || incomplete ? "at least " : "";
    StringBuilder b = new StringBuilder();
    b.append(headline).append(System.lineSeparator());
    b.append(String.format(Locale.ROOT, "  tracepoints seen:   %s%,d (%,.0f/s; %,d enter, %,d exit)%n",
        atLeast, s.enters() + s.exits(), secs > 0 ? (s.enters() + s.exits()) / secs : 0,
        s.enters(), s.exits()));
    b.append(String.format(Locale.ROOT, "  syscalls paired:    %s%,d (%,.0f/s)%n", atLeast, s.pairs(),
        secs > 0 ? s.pairs() / secs : 0));
    b.append(String.format(Locale.ROOT, "  after filter:       %s%,d%n", atLeast, s.emitted()));
    b.append(String.format(Locale.ROOT,
        "  failed:             %s%,d (plus %,d interrupted and restarted)%n", atLeast,
        s.failed(), s.restarts()));
    b.append(String.format(Locale.ROOT,
        "  bytes:              %sread %s, written %s, transferred %s%n", atLeast,
        bytes(s.bytesRead()), bytes(s.bytesWritten()), bytes(s.bytesTransferred())));
    b.append(String.format(Locale.ROOT,
        "  lost:               ring full %,d, unread at stop %,d, enter without exit %,d,"
            + " exit without enter %,d, mismatched %,d, malformed %,d%n",
        s.ringDrops(), s.unreadAtStop(), s.entersWithoutExit(), s.exitsWithoutEnter(),
        s.mismatched(), s.malformed()));
    b.append(String.format(Locale.ROOT, "  in flight at stop:  %,d (entered, not yet returned)%n",
        s.inFlightAtStop()));
    if (s.ringDrops() > 0) {
      b.append("  hint: the ring buffer overflowed; raise -mapSize or narrow the trace"
          + " (-pid, -comm, -tps)\n");
    }
    return b.toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
