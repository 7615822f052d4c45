// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One box of a flame graph: a frame name and kind with the total value of all stacks passing
 * through it at this position, and its children sorted by name then kind. In a differential tree
 * {@link #before()} holds the baseline's total for the same position.
 *
 * <pre>{@code
 * FrameNode root = FrameTree.of(profile, 0).root();
 * for (FrameNode child : root.children()) {
 *   System.out.println(child.name() + " " + child.value() + " (self " + child.self() + ")");
 * }
 * }</pre>
 */
public final class FrameNode {
  /** The kind of the aggregate frame that stands for merged narrow siblings. */
  public static final String MERGED_KIND = "merged";

  private final String name;
  private final String kind;
  private final long value;
  private final long before;
  private final int mergedFrames;
  private final FrameNode[] children;

  FrameNode(String name, String kind, long value, long before, int mergedFrames,
      FrameNode[] children) {
    this.name = name;
    this.kind = kind;
    this.value = value;
    this.before = before;
    this.mergedFrames = mergedFrames;
    this.children = children;
  }

  /** {@return the frame's name as the profile has it (never escaped)} */
  public String name() {
    return name;
  }

  /** {@return the frame's kind ({@code syscall}, {@code path}, ...), empty when unknown} */
  public String kind() {
    return kind;
  }

  /** {@return total of the chosen value column over all stacks through this node} */
  public long value() {
    return value;
  }

  /** {@return the baseline's total at this position in a differential tree, else 0} */
  public long before() {
    return before;
  }

  /**
   * {@return value not accounted for by drawn children: own samples plus narrow frames left out}
   */
  public long self() {
    long sum = 0;
    for (FrameNode c : children) {
      sum += c.value;
    }
    return value - sum;
  }

  /**
   * {@return for an aggregate of merged narrow frames, how many sibling frames it stands for; else
   * 0}
   */
  public int mergedFrames() {
    return mergedFrames;
  }

  /** {@return true for an aggregate of merged narrow frames} */
  public boolean isMerged() {
    return mergedFrames > 0;
  }

  /**
   * {@return children sorted by name then kind; an aggregate of merged frames, if any, comes last}
   */
  public List<FrameNode> children() {
    return Collections.unmodifiableList(Arrays.asList(children));
  }

  /** The children array itself, for copies that keep them. */
  FrameNode[] childArray() {
    return children;
  }

  int childCount() {
    return children.length;
  }

  FrameNode child(int i) {
    return children[i];
  }

  @Override
  public String toString() {
    return name + (kind.isEmpty() ? "" : "[" + kind + "]") + "=" + value;
  }
}
