// SPDX-License-Identifier: Apache-2.0
/**
 * A general stack-profile library: the model ({@code profile}), folded stacks ({@code
 * collapsed}), frame trees ({@code tree}), SVG flame graphs ({@code svg}), differential graphs
 * ({@code diff}) and pprof ({@code pprof}). {@link dev.ior.flamegraph.Main} is a small
 * stand-alone front end for scripts and benchmarks; it knows nothing of syscalls either.
 */
package dev.ior.flamegraph;
