// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

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
   * Children are merged by name and kind and sorted, as flamegraph.pl does.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder(false);
  }

  /**
   * Starts a flame chart (flamegraph.pl's {@code --flamechart}): stacks are not sorted, and a
   * frame merges only with the same frame of the stack added just before, so the x axis is the
   * order in which stacks were added (time, for a profiler that writes them in time order).
   *
   * @return an empty builder
   */
  public static Builder chartBuilder() {
    return new Builder(true);
  }

  /** Adds stacks to a new tree; not thread-safe; {@link #build()} once. */
  public static final class Builder {
    private final TreeBuilder root;
    private final TreeBuilder.Cursor cursor;
    private boolean differential;

    private Builder(boolean chart) {
      root = new TreeBuilder("all", "", chart);
      cursor = new TreeBuilder.Cursor(root);
    }

    /**
     * Adds {@code value} along {@code stack} (root first). Values of 0 or less are ignored: a
     * box cannot have a negative width (pprof diff profiles hold negative values; draw those
     * with {@link FrameTree#diff} instead). In a differential tree the stack counts as
     * unchanged: its value is its baseline too.
     *
     * @param stack frames, root first
     * @param value the stack's value
     * @return this builder
     * @throws ArithmeticException when the values added so far pass the range of a long
     */
    public Builder add(List<Frame> stack, long value) {
      if (value > 0) {
        cursor.add(stack, value, value);
      }
      return this;
    }

    /**
     * Adds a stack with two values, as a line of difffolded.pl's output holds: the box widths
     * come from {@code after}, {@link FrameNode#before()} from {@code before}. The tree is
     * differential from the first such stack on. Negative values count as 0.
     *
     * @param stack frames, root first
     * @param before the baseline value
     * @param after the value drawn
     * @return this builder
     */
    public Builder add(List<Frame> stack, long before, long after) {
      differential = true;
      if (before > 0 || after > 0) {
        cursor.add(stack, Math.max(0, after), Math.max(0, before));
      }
      return this;
    }

    /** {@return the finished tree} */
    public FrameTree build() {
      return new FrameTree(root.freeze(differential), differential);
    }
  }

  /**
   * {@return the tree of column {@code valueIndex}; samples whose value there is 0 or negative are
   * left out, so the total equals {@code profile.total(valueIndex)} for non-negative profiles}
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @throws ArithmeticException when the positive values add up past the range of a long
   */
  public static FrameTree of(StackProfile profile, int valueIndex) {
    return of(profile, valueIndex, builder());
  }

  /**
   * {@return column {@code valueIndex} of {@code profile} added to {@code b} (e.g. a chart), built}
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @param b the builder to add to
   */
  public static FrameTree of(StackProfile profile, int valueIndex, Builder b) {
    checkColumn(profile, valueIndex);
    for (Sample s : profile.samples()) {
      b.add(s.stack(), s.value(valueIndex));
    }
    return b.build();
  }

  /**
   * {@return a differential tree: widths from {@code after}, {@link FrameNode#before()} from {@code
   * before}} With {@code normalize} the baseline is scaled to the same total first (as
   * difffolded.pl -n does) so that only shifts in shape show, not a longer run.
   *
   * @param before the baseline profile
   * @param beforeIndex the baseline's sample type column
   * @param after the profile compared with it
   * @param afterIndex its sample type column
   * @param normalize whether to scale the baseline to the same total first
   * @throws ArithmeticException when either profile's values add up past the range of a long
   */
  public static FrameTree diff(StackProfile before, int beforeIndex, StackProfile after,
      int afterIndex, boolean normalize) {
    checkColumn(before, beforeIndex);
    checkColumn(after, afterIndex);
    long beforeTotal = before.total(beforeIndex);
    long afterTotal = after.total(afterIndex);
    double scale = normalize && beforeTotal > 0 ? (double) afterTotal / beforeTotal : 1.0;
    Builder b = new Builder(false);
    for (Sample s : after.samples()) {
      b.add(s.stack(), 0, s.value(afterIndex));
    }
    for (Sample s : before.samples()) {
      b.add(s.stack(), Math.round(s.value(beforeIndex) * scale), 0);
    }
    return b.build();
  }

  private static void checkColumn(StackProfile p, int index) {
    if (index < 0 || index >= p.sampleTypes().size()) {
      throw new IndexOutOfBoundsException(
          String.format(Locale.ROOT, "no value column %d in %s", index, p.sampleTypes()));
    }
  }

  /** {@return the root ({@code all}); its value is the total} */
  public FrameNode root() {
    return root;
  }

  /** {@return total of the column: the root's value} */
  public long total() {
    return root.value();
  }

  /** {@return true for a tree made by {@link #diff}} */
  public boolean isDifferential() {
    return differential;
  }

  /**
   * Visits every node in pre-order (see {@link FrameVisitor}), without recursion: any depth
   * works. Children of a node whose visit returns false are skipped.
   *
   * @param visitor called for each node, root first
   */
  public void walk(FrameVisitor visitor) {
    if (!visitor.visit(root, 0, 0)) {
      return;
    }
    FrameNode[] path = new FrameNode[16];
    int[] next = new int[16];
    long[] starts = new long[16];
    path[0] = root;
    int top = 0;
    while (top >= 0) {
      FrameNode n = path[top];
      if (next[top] == n.childCount()) {
        path[top--] = null;
        continue;
      }
      FrameNode c = n.child(next[top]++);
      long start = starts[top];
      starts[top] += c.value();
      if (visitor.visit(c, top + 1, start)) {
        if (++top == path.length) {
          path = Arrays.copyOf(path, top * 2);
          next = Arrays.copyOf(next, top * 2);
          starts = Arrays.copyOf(starts, top * 2);
        }
        path[top] = c;
        next[top] = 0;
        starts[top] = start;
      }
    }
  }

  /** {@return number of nodes, the root included} */
  public int nodeCount() {
    int[] count = {0};
    walk((n, depth, start) -> {
      count[0]++;
      return true;
    });
    return count[0];
  }

  /** {@return depth of the deepest node; 0 when only the root exists} */
  public int maxDepth() {
    int[] max = {0};
    walk((n, depth, start) -> {
      max[0] = Math.max(max[0], depth);
      return true;
    });
    return max[0];
  }

  /**
   * {@return the kinds of the frames with a value, the root's excluded (it has none of its own);
   * aggregates of merged frames count as {@value FrameNode#MERGED_KIND}} For legends.
   */
  public SortedSet<String> kinds() {
    SortedSet<String> kinds = new TreeSet<>();
    walk((n, depth, start) -> {
      if (n.value() <= 0) {
        return false;
      }
      if (depth > 0) {
        kinds.add(n.isMerged() ? FrameNode.MERGED_KIND : n.kind());
      }
      return true;
    });
    return kinds;
  }

  /** {@return the largest |value - before| of any node: what differential colours are scaled to} */
  public long maxDelta() {
    long[] max = {0};
    walk((n, depth, start) -> {
      max[0] = Math.max(max[0], Math.abs(n.value() - n.before()));
      return true;
    });
    return max[0];
  }

  /**
   * {@return a copy whose root's value is {@code total} when that is larger (flamegraph.pl's {@code
   * --total}): boxes and percentages are then relative to that total, as when comparing graphs of
   * runs with a known total; the difference is the root's own value}
   *
   * @param total the total to draw against, in value units
   */
  public FrameTree withTotal(long total) {
    if (total <= root.value()) {
      return this;
    }
    return new FrameTree(new FrameNode(root.name(), root.kind(), total, root.before(),
        root.mergedFrames(), root.childArray()), differential);
  }

  /**
   * {@return a copy in which, under every node, the children with a value below {@code minValue}
   * are replaced by one aggregate child ({@link FrameNode#isMerged()}, kind {@value
   * FrameNode#MERGED_KIND}, placed last) holding their summed value, when that sum reaches {@code
   * minValue}} Smaller remainders are left out of the children but stay in their parent's value, so
   * every total is unchanged; only what can be drawn is reduced. Iterative: any depth works.
   *
   * @param minValue the smallest value drawn on its own, in value units
   */
  public FrameTree mergeNarrow(long minValue) {
    long min = Math.max(1, minValue);
    List<Merging> path = new ArrayList<>();
    path.add(new Merging(root));
    while (true) {
      Merging m = path.get(path.size() - 1);
      if (m.next < m.node.childCount()) {
        FrameNode c = m.node.child(m.next++);
        if (c.value() >= min) {
          path.add(new Merging(c));
        } else {
          m.narrow(c);
        }
        continue;
      }
      FrameNode done = m.finish(min);
      path.remove(path.size() - 1);
      if (path.isEmpty()) {
        return new FrameTree(done, differential);
      }
      path.get(path.size() - 1).kept.add(done);
    }
  }

  /** One node of {@link #mergeNarrow}'s walk: the children kept so far and the narrow sums. */
  private static final class Merging {
    final FrameNode node;
    final List<FrameNode> kept = new ArrayList<>();
    int next;
    int narrow;
    long narrowValue;
    long narrowBefore;

    Merging(FrameNode node) {
      this.node = node;
    }

    void narrow(FrameNode c) {
      narrow++;
      narrowValue += c.value();
      narrowBefore += c.before();
    }

    FrameNode finish(long min) {
      if (narrow > 1 && narrowValue >= min) {
        kept.add(new FrameNode(narrow + " frames merged", FrameNode.MERGED_KIND, narrowValue,
            narrowBefore, narrow, new FrameNode[0]));
      }
      if (narrow == 0 && sameChildren()) {
        return node;
      }
      return new FrameNode(node.name(), node.kind(), node.value(), node.before(),
          node.mergedFrames(), kept.toArray(new FrameNode[0]));
    }

    private boolean sameChildren() {
      for (int i = 0; i < kept.size(); i++) {
        if (kept.get(i) != node.child(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
