// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import java.util.List;

/**
 * How the flight recorder keeps and dumps.
 *
 * @param windowNs how far back a dump reaches from its trigger, ns (&gt; 0)
 * @param maxBytes heap the ring may take, bytes; it holds {@code maxBytes / }{@link
 *     FlightRecorder#SLOT_BYTES} pairs (at least one segment of 16,384), so at a high rate the
 *     window is shorter than {@code windowNs} (the dump says what it covers)
 * @param afterNs how long recording goes on after a trigger before the dump is written, ns
 *     (&gt;= 0): the dump then holds what followed the trigger too
 * @param minIntervalNs at most one dump per this interval, ns (&gt;= 0); triggers in between
 *     are counted as rate-limited
 * @param triggers conditions on pairs that fire a dump; may be empty (then only {@link
 *     FlightRecorder#trigger} fires)
 */
public record FlightConfig(long windowNs, long maxBytes, long afterNs, long minIntervalNs,
    List<FlightTrigger> triggers) {
  /**
   * Validates. @throws IllegalArgumentException naming the value out of range
   *
   * @param windowNs how far back a dump reaches from its trigger, ns (&gt; 0)
   * @param maxBytes heap the ring may take, bytes; it holds {@code maxBytes / }{@link
   *     FlightRecorder#SLOT_BYTES} pairs (at least one segment of 16,384), so at a high rate the
   *     window is shorter than {@code windowNs} (the dump says what it covers)
   * @param afterNs how long recording goes on after a trigger before the dump is written, ns
   *     (&gt;= 0): the dump then holds what followed the trigger too
   * @param minIntervalNs at most one dump per this interval, ns (&gt;= 0); triggers in between
   *     are counted as rate-limited
   * @param triggers conditions on pairs that fire a dump; may be empty (then only {@link
   *     FlightRecorder#trigger} fires)
   */
  public FlightConfig {
    if (windowNs <= 0) {
      throw new IllegalArgumentException("the flight window must be > 0 s");
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("the flight recorder's memory must be > 0 bytes");
    }
    if (afterNs < 0 || minIntervalNs < 0) {
      throw new IllegalArgumentException("the after-window and the dump interval must be >= 0");
    }
    triggers = List.copyOf(triggers);
  }

  /**
   * Pairs the ring holds with {@link #maxBytes}: whole segments, at least one.
   *
   * @return the ring's capacity in pairs, a multiple of the segment size, >= one segment
   */
  public long capacity() {
    long slots = maxBytes / FlightRing.SLOT_BYTES;
    return Math.max(1, slots >>> FlightRing.SEGMENT_BITS) << FlightRing.SEGMENT_BITS;
  }
}
