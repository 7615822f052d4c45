// SPDX-License-Identifier: Apache-2.0
/**
 * The folded ("collapsed") stack format of flamegraph.pl: {@link
 * dev.ior.flamegraph.collapsed.CollapsedReader} reports malformed lines instead of failing,
 * {@link dev.ior.flamegraph.collapsed.CollapsedWriter} escapes frames with {@link
 * dev.ior.flamegraph.collapsed.FrameEscaper} so its lines are never malformed.
 */
package dev.ior.flamegraph.collapsed;
