// SPDX-License-Identifier: Apache-2.0
/**
 * {@code ior -timeline} and {@code -speedscope}: per-thread timelines of a trace, written by
 * ior-core's {@code dev.ior.core.timeline} writers.
 */
package dev.ior.cli.timeline;
