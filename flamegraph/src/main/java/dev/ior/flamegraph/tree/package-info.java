// SPDX-License-Identifier: Apache-2.0
/**
 * The frame tree drawn by flame graphs: {@link dev.ior.flamegraph.tree.FrameTree} merges the
 * stacks of one value column (or two profiles, for a differential graph) into {@link
 * dev.ior.flamegraph.tree.FrameNode}s, and merges frames too narrow to draw without changing any
 * total.
 */
package dev.ior.flamegraph.tree;
