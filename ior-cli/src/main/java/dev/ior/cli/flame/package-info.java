// SPDX-License-Identifier: Apache-2.0
/**
 * Flame graphs and profiles from traces in the {@code ior} command: the aggregating trace
 * output ({@link dev.ior.cli.flame.FlameOutput}), its options ({@link
 * dev.ior.cli.flame.FlameOptions}), offline conversions and {@code ior collapsed}.
 */
package dev.ior.cli.flame;
