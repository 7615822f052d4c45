// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

/**
 * Turns the kernel's CLOCK_MONOTONIC timestamps into RFC 3339 UTC text with nanoseconds,
 * without allocating per call: the date-and-second prefix is rebuilt only when the second
 * changes.
 *
 * <pre>{@code
 * WallClock clock = WallClock.now();
 * clock.append(sb, pair.enterNs()); // 2026-11-26T06:40:01.123456789Z
 * }</pre>
 */
public final class WallClock {
  private final long offsetNs;
  private long cachedSecond = Long.MIN_VALUE;
  private final StringBuilder prefix = new StringBuilder(24);

  /** Maps monotonic ns to epoch ns by adding {@code offsetNs}. */
  public WallClock(long offsetNs) {
    this.offsetNs = offsetNs;
  }

  /**
   * The current offset between the epoch and System.nanoTime() (CLOCK_MONOTONIC on Linux, the
   * clock of bpf_ktime_get_ns).
   */
  public static WallClock now() {
    java.time.Instant t = java.time.Instant.now();
    long mono = System.nanoTime();
    return new WallClock(t.getEpochSecond() * 1_000_000_000L + t.getNano() - mono);
  }

  /** Epoch ns of a monotonic timestamp. */
  public long epochNs(long monotonicNs) {
    return monotonicNs + offsetNs;
  }

  /** Appends the RFC 3339 form of monotonic timestamp {@code ns}. */
  public void append(StringBuilder sb, long monotonicNs) {
    long epoch = epochNs(monotonicNs);
    long second = Math.floorDiv(epoch, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epoch, 1_000_000_000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      prefix.setLength(0);
      prefix.append(java.time.LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC)
          .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME));
      if (prefix.length() == 16) {
        prefix.append(":00"); // ISO_LOCAL_DATE_TIME omits zero seconds
      }
      prefix.append('.');
    }
    sb.append(prefix);
    for (int div = 100_000_000; div > 0; div /= 10) {
      sb.append((char) ('0' + nanos / div % 10));
    }
    sb.append('Z');
  }
}
