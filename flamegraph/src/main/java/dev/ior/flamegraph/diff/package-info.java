// SPDX-License-Identifier: Apache-2.0
/**
 * Differential flame graphs: {@link dev.ior.flamegraph.diff.DiffFlameGraph} draws the change
 * between two profiles in red (grew) and blue (shrank) and writes difffolded.pl's three-column
 * format.
 */
package dev.ior.flamegraph.diff;
