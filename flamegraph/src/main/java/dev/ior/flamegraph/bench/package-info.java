// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmark programs: they print numbers (wall time, peak memory, output size) and never assert
 * on timings. {@link dev.ior.flamegraph.bench.RenderBenchmark} renders a folded file to SVG.
 */
package dev.ior.flamegraph.bench;
