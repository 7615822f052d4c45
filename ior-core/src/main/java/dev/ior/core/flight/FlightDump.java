// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import java.nio.file.Path;

/**
 * A dump that was written.
 *
 * @param file the recording
 * @param firing the trigger
 * @param pairs pairs written
 * @param overwritten pairs of the window that the ring overwrote before the dump could copy
 *     them (a dump slower than the ring's turnover); not in the file, counted there too
 * @param fromNs exit time of the first pair written, CLOCK_MONOTONIC ns (0 when none)
 * @param toNs exit time of the last pair written, CLOCK_MONOTONIC ns (0 when none)
 */
public record FlightDump(Path file, Firing firing, long pairs, long overwritten, long fromNs,
    long toNs) {}
