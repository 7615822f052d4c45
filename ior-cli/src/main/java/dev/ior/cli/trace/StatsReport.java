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
    b.append(String.format(Locale.ROOT, "  failed:             %s%,d (plus %,d returned a restart"
        + " code: %,d restarted, %,d seen as EINTR)%n", atLeast, s.failed(), s.restarts(),
        s.restarts() - s.interrupted(), s.interrupted()));
    if (s.refused() > 0) {
      b.append(String.format(Locale.ROOT, "  refused calls:      %s%,d (refused before they ran:"
          + " seccomp or a tracer; marked refused)%n", atLeast, s.refused()));
    }
    if (s.compat() > 0) {
      b.append(String.format(Locale.ROOT, "  32-bit calls:       %s%,d (marked compat)%n", atLeast,
          s.compat()));
    }
    b.append(String.format(Locale.ROOT,
        "  bytes:              %sread %s, written %s, transferred %s%n", atLeast,
        bytes(s.bytesRead()), bytes(s.bytesWritten()), bytes(s.bytesTransferred())));
    b.append(String.format(Locale.ROOT,
        "  lost:               ring full %,d, unread at stop %,d, enter without exit %,d,"
            + " exit without enter %,d, pairs across a loss %,d, mismatched %,d, malformed %,d,"
            + " skipped by the kernel %s, no thread state %,d%n",
        s.ringDrops(), s.unreadAtStop(), s.entersWithoutExit(), s.exitsWithoutEnter(),
        s.straddled(), s.mismatched(), s.malformed(),
        s.kernelSkipped() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", s.kernelSkipped()),
        s.storageFull()));
    if (s.uringEnters() > 0) {
      b.append(String.format(Locale.ROOT, "  io_uring:           %,d io_uring_enter calls submitted"
          + " %,d operations; those run in the kernel, not as syscalls: counted, not decoded%n",
          s.uringEnters(), s.uringSubmitted()));
    }
    if (s.pathsCut() > 0 || s.lateNames() > 0 || s.namesLost() > 0) {
      b.append(String.format(Locale.ROOT, "  names:              %,d paths cut (marked), %,d looked"
          + " up late in /proc (marked), %,d kernel names lost%n", s.pathsCut(), s.lateNames(),
          s.namesLost()));
    }
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
