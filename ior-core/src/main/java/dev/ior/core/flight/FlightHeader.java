// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

/**
 * What a flight recording says about itself.
 *
 * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns on the recording host, for wall-clock
 *     times
 * @param triggerNs when the trigger fired, CLOCK_MONOTONIC ns
 * @param windowNs how far back from the trigger the recording reaches (at most), ns
 * @param afterNs how long after the trigger recording went on, ns
 * @param triggerPid process of the call that fired, 0 for a manual trigger
 * @param triggerTid thread of the call that fired, 0 for a manual trigger
 * @param kind the trigger's kind ({@code slow}, {@code errno}, {@code signal}, {@code http})
 * @param description what fired, for people
 * @param host the host name
 */
public record FlightHeader(long epochOffsetNs, long triggerNs, long windowNs, long afterNs,
    int triggerPid, int triggerTid, String kind, String description, String host) {

  /** {@return the label a timeline shows at the trigger: "flight trigger: slow fsync took ..."} */
  public String label() {
    return "flight trigger: " + description;
  }
}
