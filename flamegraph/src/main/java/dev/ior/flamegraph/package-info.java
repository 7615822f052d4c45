// SPDX-License-Identifier: Apache-2.0
/**
 * A general stack-profile library that knows nothing of syscalls: the model ({@code profile}),
 * folded stacks ({@code collapsed}), frame trees ({@code tree}), SVG and HTML flame graphs
 * ({@code svg}, {@code html}), differential graphs ({@code diff}), pprof ({@code pprof}), the
 * shared input front end ({@code load}) and atomic output files ({@code io}). Command lines
 * (ior's and {@code bin/flamegraph}) live in ior-cli.
 */
package dev.ior.flamegraph;
