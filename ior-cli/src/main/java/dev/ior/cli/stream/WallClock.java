// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Turns the kernel's CLOCK_MONOTONIC timestamps into RFC 3339 UTC text with nanoseconds,
 * without allocating per call: the date-and-second prefix is rebuilt only when the second
 * changes. That cache makes a clock confined to one thread: another thread (a warm-up) takes
 * {@link #copy()}.
 *
 * <pre>{@code
 * WallClock clock = WallClock.now();
 * clock.append(buffer, pair.enterNs()); // 2026-11-26T06:40:01.123456789Z
 * }</pre>
 */
public final class WallClock {
  private final long offsetNs;
  private long cachedSecond = Long.MIN_VALUE;
  private String prefix = "";

  /** Maps monotonic ns to epoch ns by adding {@code offsetNs}. */
  public WallClock(long offsetNs) {
    this.offsetNs = offsetNs;
  }

  /** {@return a clock with this offset and a cache of its own, for another thread} */
  public WallClock copy() {
    return new WallClock(offsetNs);
  }

  /**
   * The current offset between the epoch and System.nanoTime() (CLOCK_MONOTONIC on Linux, the
   * clock of bpf_ktime_get_ns).
   */
  public static WallClock now() {
    Instant t = Instant.now();
    long mono = System.nanoTime();
    return new WallClock(t.getEpochSecond() * 1_000_000_000L + t.getNano() - mono);
  }

  /** Epoch ns of a monotonic timestamp. */
  public long epochNs(long monotonicNs) {
    return monotonicNs + offsetNs;
  }

  /** Appends the RFC 3339 form of monotonic timestamp {@code monotonicNs}. */
  public void append(LineBuffer b, long monotonicNs) {
    long epoch = epochNs(monotonicNs);
    long second = Math.floorDiv(epoch, 1_000_000_000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
      prefix = String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.",
          t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
          t.getSecond());
    }
    b.ascii(prefix).padded(Math.floorMod(epoch, 1_000_000_000L), 9).ascii('Z');
  }
}
