// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

/**
 * A trigger that fired and was accepted (not rate-limited): what its dump is named and marked
 * with.
 *
 * @param kind {@code slow}, {@code errno}, or the kind a manual trigger gave (e.g. {@code
 *     signal}, {@code http})
 * @param description what happened, for people
 * @param timeNs when, CLOCK_MONOTONIC ns (the exit of the call that fired, or the clock's time of
 *     a manual trigger)
 * @param pid process of the call that fired; 0 for a manual trigger
 * @param tid thread of the call that fired; 0 for a manual trigger
 */
public record Firing(String kind, String description, long timeNs, int pid, int tid) {}
