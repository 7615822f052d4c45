// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frame tree of a flame graph: stacks of one value column merged by common prefix under a
 * root named {@code all}. Building it is independent of any drawing; {@link #mergeNarrow} is the
 * one layout-driven step, so that renderers never have to drop frames themselves.
 *
 * <pre>{@code
 * FrameTree tree = FrameTree.of(profile, profile.indexOf("duration"));
 * long total = tree.total();                       // same as profile.total(column)
 * FrameTree drawn = tree.mergeNarrow(total / 10_000); // siblings under 0.01% each become one box
 * }</pre>
 */
public final class FrameTree {
  private final FrameNode root;
  private final boolean differential;

  private FrameTree(FrameNode root, boolean differential) {
    this.root = root;
    this.differential = differential;
  }

  /**
   * Starts a tree to be fed stack by stack, e.g. straight from {@link
   * dev.ior.flamegraph.collapsed.CollapsedReader#stream} without an intermediate profile.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds stacks to a new tree; not thread-safe; {@link #build()} once. */
  public static final class Builder {
    private final TreeBuilder root = new TreeBuilder("all", "");
    private final TreeBuilder.Cursor cursor = new TreeBuilder.Cursor(root);

    private Builder() {}

    /**
     * Adds {@code value} along {@code stack} (root first). Values of 0 or less are ignored: a
     * box cannot have a negative width (pprof diff profiles hold negative values; draw those
     * with {@link FrameTree#diff} instead).
     *
     * @throws ArithmeticException when the values added so far pass the range of a long
     */
    public Builder add(List<Frame> stack, long value) {
      if (value > 0) {
        cursor.add(stack, value, false);
      }
      return this;
    }

    /** The finished tree. */
    public FrameTree build() {
      return new FrameTree(root.freeze(), false);
    }
  }

  /**
   * The tree of column {@code valueIndex}; samples whose value there is 0 or negative are left
   * out, so the total equals {@code profile.total(valueIndex)} for non-negative profiles.
   *
   * @throws ArithmeticException when the positive values add up past the range of a long
   */
  public static FrameTree of(StackProfile profile, int valueIndex) {
    checkColumn(profile, valueIndex);
    Builder b = new Builder();
    for (Sample s : profile.samples()) {
      b.add(s.stack(), s.value(valueIndex));
    }
    return b.build();
  }

  /**
   * A differential tree: widths from {@code after}, {@link FrameNode#before()} from {@code
   * before}. With {@code normalize} the baseline is scaled to the same total first (as
   * difffolded.pl -n does) so that only shifts in shape show, not a longer run.
   *
   * @throws ArithmeticException when either profile's values add up past the range of a long
   */
  public static FrameTree diff(StackProfile before, int beforeIndex, StackProfile after,
      int afterIndex, boolean normalize) {
    checkColumn(before, beforeIndex);
    checkColumn(after, afterIndex);
    long beforeTotal = before.total(beforeIndex);
    long afterTotal = after.total(afterIndex);
    double scale = normalize && beforeTotal > 0 ? (double) afterTotal / beforeTotal : 1.0;
    TreeBuilder b = new TreeBuilder("all", "");
    TreeBuilder.Cursor cursor = new TreeBuilder.Cursor(b);
    for (Sample s : after.samples()) {
      cursor.add(s.stack(), s.value(afterIndex), false);
    }
    for (Sample s : before.samples()) {
      cursor.add(s.stack(), Math.round(s.value(beforeIndex) * scale), true);
    }
    return new FrameTree(b.freeze(), true);
  }

  private static void checkColumn(StackProfile p, int index) {
    if (index < 0 || index >= p.sampleTypes().size()) {
      throw new IndexOutOfBoundsException(
          String.format(Locale.ROOT, "no value column %d in %s", index, p.sampleTypes()));
    }
  }

  /** The root ({@code all}); its value is the total. */
  public FrameNode root() {
    return root;
  }

  /** Total of the column: the root's value. */
  public long total() {
    return root.value();
  }

  /** True for a tree made by {@link #diff}. */
  public boolean isDifferential() {
    return differential;
  }

  /** Number of nodes, the root included. */
  public int nodeCount() {
    return count(root);
  }

  private static int count(FrameNode n) {
    int c = 1;
    for (int i = 0; i < n.childCount(); i++) {
      c += count(n.child(i));
    }
    return c;
  }

  /** Depth of the deepest node; 0 when only the root exists. */
  public int maxDepth() {
    return depth(root);
  }

  private static int depth(FrameNode n) {
    int d = 0;
    for (int i = 0; i < n.childCount(); i++) {
      d = Math.max(d, 1 + depth(n.child(i)));
    }
    return d;
  }

  /**
   * A copy in which, under every node, the children with a value below {@code minValue} are
   * replaced by one aggregate child ({@link FrameNode#isMerged()}, kind {@value
   * FrameNode#MERGED_KIND}, placed last) holding their summed value, when that sum reaches {@code
   * minValue}. Smaller remainders are left out of the children but stay in their parent's value,
   * so every total is unchanged; only what can be drawn is reduced.
   */
  public FrameTree mergeNarrow(long minValue) {
    return new FrameTree(merge(root, Math.max(1, minValue)), differential);
  }

  private static FrameNode merge(FrameNode n, long minValue) {
    List<FrameNode> kept = new ArrayList<>(n.childCount());
    long narrowValue = 0;
    long narrowBefore = 0;
    int narrow = 0;
    for (int i = 0; i < n.childCount(); i++) {
      FrameNode c = n.child(i);
      if (c.value() >= minValue) {
        kept.add(merge(c, minValue));
      } else {
        narrow++;
        narrowValue += c.value();
        narrowBefore += c.before();
      }
    }
    if (narrow > 1 && narrowValue >= minValue) {
      kept.add(new FrameNode(narrow + " frames merged", FrameNode.MERGED_KIND, narrowValue,
          narrowBefore, narrow, new FrameNode[0]));
    }
    if (narrow == 0 && kept.size() == n.childCount() && sameChildren(n, kept)) {
      return n;
    }
    return new FrameNode(n.name(), n.kind(), n.value(), n.before(), n.mergedFrames(),
        kept.toArray(new FrameNode[0]));
  }

  private static boolean sameChildren(FrameNode n, List<FrameNode> kept) {
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i) != n.child(i)) {
        return false;
      }
    }
    return true;
  }
}
