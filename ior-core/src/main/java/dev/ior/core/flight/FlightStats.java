// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

/**
 * The flight recorder's counters, for the end report and metrics. Every trigger that did not
 * lead to a dump is counted by reason.
 *
 * @param recorded pairs appended to the ring
 * @param capacity pairs the ring holds
 * @param allocatedBytes heap the ring's segments take now, bytes
 * @param maxBytes heap the ring takes when full, bytes (the cap)
 * @param fired triggers accepted: a dump was started for each
 * @param dumps dumps written
 * @param failedDumps dumps that could not be written (the error was reported)
 * @param rateLimited triggers dropped because the previous dump started less than the interval
 *     before
 * @param busy triggers dropped because a dump was still waiting for its after-window or writing
 * @param overwritten pairs of dump windows the ring overwrote before they were written
 */
public record FlightStats(long recorded, long capacity, long allocatedBytes, long maxBytes,
    long fired, long dumps, long failedDumps, long rateLimited, long busy, long overwritten) {

  /** {@return triggers that did not lead to a dump, all reasons} */
  public long suppressed() {
    return rateLimited + busy;
  }
}
