// SPDX-License-Identifier: Apache-2.0
/**
 * A gzip reader that refuses damage ({@link dev.ior.flamegraph.gzip.StrictGzipInputStream}):
 * the profile and data-file readers of this project use it so that a flipped byte, a cut file or
 * trailing garbage is reported, never read as different numbers.
 */
package dev.ior.flamegraph.gzip;
