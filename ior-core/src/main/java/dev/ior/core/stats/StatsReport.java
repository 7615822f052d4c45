// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

import java.util.Locale;

/**
 * The readable end-of-run summary: what was seen, what passed the filters, and every {@link
 * LossKind} on one line (unknown ones say so). Totals say "at least" when anything was lost.
 *
 * <pre>{@code
 * System.err.print(StatsReport.format(stream.stats(), "ior: traced 4.0 s, 14 syscalls attached",
 *     false));
 * }</pre>
 */
public final class StatsReport {
  private StatsReport() {}

  /**
   * {@return the report under its own first line; with {@code incomplete} (a recording cut short)
   * every total is a lower bound, as when events were lost} Lines end with the platform's
   * separator.
   *
   * @param s the run's statistics
   * @param headline the first line, e.g. {@code ior: traced 4.0 s, 14 syscalls attached}
   * @param incomplete whether the source ended early (a recording cut short)
   */
  public static String format(TraceStats s, String headline, boolean incomplete) {
    double secs = s.durationNs() / 1e9;
    String atLeast = s.lossy() || incomplete ? "at least " : "";
    TraceStats.Records r = s.records();
    TraceStats.Calls c = s.calls();
    StringBuilder b = new StringBuilder();
    b.append(headline).append(System.lineSeparator());
    b.append(String.format(Locale.ROOT,
        "  tracepoints seen:   %s%,d (%,.0f/s; %,d enter, %,d exit)%n", atLeast,
        r.enters() + r.exits(), secs > 0 ? (r.enters() + r.exits()) / secs : 0, r.enters(),
        r.exits()));
    b.append(String.format(Locale.ROOT, "  syscalls paired:    %s%,d (%,.0f/s)%n", atLeast,
        c.paired(), secs > 0 ? c.paired() / secs : 0));
    b.append(String.format(Locale.ROOT, "  after filter:       %s%,d%n", atLeast, c.emitted()));
    b.append(String.format(Locale.ROOT, "  failed:             %s%,d (plus %,d returned a restart"
        + " code: %,d restarted, %,d seen as EINTR)%n", atLeast, c.failed(), c.restarts(),
        c.restarts() - c.interrupted(), c.interrupted()));
    if (c.refused() > 0) {
      b.append(String.format(Locale.ROOT, "  refused calls:      %s%,d (refused before they ran:"
          + " seccomp or a tracer; marked refused)%n", atLeast, c.refused()));
    }
    if (c.compat() > 0) {
      b.append(String.format(Locale.ROOT, "  32-bit calls:       %s%,d (marked compat)%n",
          atLeast, c.compat()));
    }
    b.append(String.format(Locale.ROOT,
        "  bytes:              %sread %s, written %s, transferred %s%n", atLeast,
        bytes(s.bytes().read()), bytes(s.bytes().written()), bytes(s.bytes().transferred())));
    b.append("  lost:               ").append(s.losses()).append(System.lineSeparator());
    if (s.uring().enters() > 0) {
      b.append(String.format(Locale.ROOT, "  io_uring:           %,d io_uring_enter calls"
          + " submitted %,d operations; those run in the kernel, not as syscalls: counted, not"
          + " decoded%n", s.uring().enters(), s.uring().submitted()));
    }
    TraceStats.Names n = s.names();
    if (n.pathsCut() > 0 || n.late() > 0 || n.lost() > 0) {
      b.append(String.format(Locale.ROOT, "  names:              %,d paths cut (marked), %,d"
          + " looked up late in /proc (marked), %,d kernel names lost%n", n.pathsCut(), n.late(),
          n.lost()));
    }
    b.append(String.format(Locale.ROOT, "  in flight at stop:  %,d (entered, not yet returned)%n",
        c.inFlightAtStop()));
    if (s.losses().count(LossKind.RING_FULL) > 0) {
      b.append("  hint: the ring buffer overflowed; raise -mapSize or narrow the trace"
          + " (-pid, -comm, -tps)").append(System.lineSeparator());
    }
    return b.toString();
  }

  /**
   * {@return {@code n} bytes for people: {@code 512 B}, {@code 1.5 KiB}, ... (binary units, one
   * decimal)}
   *
   * @param n a byte count, >= 0
   */
  public static String bytes(long n) {
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
