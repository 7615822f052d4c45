// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

/**
 * Receives the nodes of a {@link FrameTree} in pre-order from {@link FrameTree#walk}: a node,
 * then its children's subtrees left to right. Depth and start are what a flame-graph layout
 * needs, so renderers do not recurse (stacks can be deeper than the thread's stack allows).
 *
 * <pre>{@code
 * tree.walk((node, depth, start) -> {
 *   System.out.println("  ".repeat(depth) + node.name() + " at " + start);
 *   return true; // also visit its children
 * });
 * }</pre>
 */
@FunctionalInterface
public interface FrameVisitor {
  /**
   * One node.
   *
   * @param depth 0 for the root, its children 1, ...
   * @param start the node's offset in value units from the left edge: its parent's start plus
   *     the values of its earlier siblings
   * @param node the node
   * @return whether to visit the node's children
   */
  boolean visit(FrameNode node, int depth, long start);
}
