// SPDX-License-Identifier: Apache-2.0
/**
 * ior's {@code -fields}/{@code -count} projection of aggregated rows onto a flame-graph {@code
 * StackProfile}: {@link dev.ior.core.projection.Projection} with its {@link
 * dev.ior.core.projection.Field}s and {@link dev.ior.core.projection.Count}s, and readable open
 * flags ({@link dev.ior.core.projection.OpenFlags}).
 */
package dev.ior.core.projection;
