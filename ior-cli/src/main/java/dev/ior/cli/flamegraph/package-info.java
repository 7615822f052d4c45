// SPDX-License-Identifier: Apache-2.0
/**
 * {@code bin/flamegraph}: a drop-in for flamegraph.pl built on the flame-graph library's front
 * end ({@link dev.ior.flamegraph.load.ProfileLoader}) and renderers.
 */
package dev.ior.cli.flamegraph;
