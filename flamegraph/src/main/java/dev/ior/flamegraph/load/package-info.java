// SPDX-License-Identifier: Apache-2.0
/**
 * The shared way in of every front end: {@link dev.ior.flamegraph.load.ProfileLoader} reads
 * folded stacks, difffolded output, pprof profiles and formats callers add ({@link
 * dev.ior.flamegraph.load.ProfileFormat}), recognised by content, and returns a {@link
 * dev.ior.flamegraph.load.Loaded} with the tree and/or profile, the chosen column and the
 * tooltip name of its unit ({@link dev.ior.flamegraph.load.CountNames}).
 */
package dev.ior.flamegraph.load;
