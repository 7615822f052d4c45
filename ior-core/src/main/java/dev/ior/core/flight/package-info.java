// SPDX-License-Identifier: Apache-2.0
/**
 * The flight recorder: the last seconds of paired calls in a bounded in-memory ring ({@code
 * FlightRing}), dumped to a flight recording ({@code .iorfl}) when a {@link
 * dev.ior.core.flight.FlightTrigger} fires or {@link dev.ior.core.flight.FlightRecorder#trigger}
 * is called; {@link dev.ior.core.flight.FlightFileReader} replays a dump into any {@link
 * dev.ior.core.sink.PairSink}. See docs/flight-recorder.md.
 */
package dev.ior.core.flight;
