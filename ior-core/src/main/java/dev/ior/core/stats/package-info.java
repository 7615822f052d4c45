// SPDX-License-Identifier: Apache-2.0
/**
 * A run's statistics ({@link dev.ior.core.stats.TraceStats}), the one list of loss kinds ({@link
 * dev.ior.core.stats.LossKind}) every report reads, and the readable end report.
 */
package dev.ior.core.stats;
