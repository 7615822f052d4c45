// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import dev.ior.flamegraph.profile.Frame;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Mutable trie that stacks are added to, then frozen into {@link FrameNode}s with sorted
 * children. Children are keyed by (name, kind): the flame graph merges a function's boxes at one
 * position whatever line it was at, as flamegraph.pl does.
 */
final class TreeBuilder {
  /** Name, then kind; a class rather than a comparator chain, which is slow when cold. */
  static final Comparator<FrameNode> ORDER = new Comparator<>() {
    @Override
    public int compare(FrameNode a, FrameNode b) {
      int c = a.name().compareTo(b.name());
      return c != 0 ? c : a.kind().compareTo(b.kind());
    }
  };
  private static final FrameNode[] NO_CHILDREN = new FrameNode[0];

  /** Above this many children a node indexes them in a hash map; below, a scan is cheaper. */
  private static final int SCAN_LIMIT = 8;

  private final String name;
  private final String kind;
  private final boolean chart;
  private long value;
  private long before;
  private TreeBuilder[] kids;
  private int kidCount;
  // Past SCAN_LIMIT children: the children again, by the hash of (name, kind), open addressing
  // with linear probing, at most half full. Looked up without a key object per lookup.
  private TreeBuilder[] index;

  /**
   * A node; in a {@code chart} (a flame chart) children keep their input order and a frame is
   * merged only with the child added just before it, so the x axis stays the input's order.
   */
  TreeBuilder(String name, String kind, boolean chart) {
    this.name = name;
    this.kind = kind;
    this.chart = chart;
  }

  /**
   * Adds values along stacks (root first). Nodes of the prefix shared with the previous stack
   * added through this cursor are reused without lookups: adjacent stacks in folded files and
   * profiles mostly share long prefixes.
   */
  static final class Cursor {
    private final TreeBuilder root;
    private List<Frame> previous = List.of();
    private TreeBuilder[] chain = new TreeBuilder[16];

    Cursor(TreeBuilder root) {
      this.root = root;
    }

    /** Adds {@code amount} to every node on {@code stack} and {@code baseline} to their before. */
    void add(List<Frame> stack, long amount, long baseline) {
      if (chain.length < stack.size()) {
        chain = Arrays.copyOf(chain, Math.max(stack.size(), chain.length * 2));
      }
      int shared = 0;
      int max = Math.min(stack.size(), previous.size());
      while (shared < max && sameFrame(stack.get(shared), previous.get(shared))) {
        shared++;
      }
      // Sums past the range of a long throw rather than wrap into a wrong number.
      root.value = Math.addExact(root.value, amount);
      root.before = Math.addExact(root.before, baseline);
      TreeBuilder node = root;
      for (int i = 0; i < stack.size(); i++) {
        if (i >= shared) {
          Frame f = stack.get(i);
          chain[i] = node.child(f.name(), f.kind());
        }
        node = chain[i];
        node.value = Math.addExact(node.value, amount);
        node.before = Math.addExact(node.before, baseline);
      }
      previous = stack;
    }

    private static boolean sameFrame(Frame a, Frame b) {
      return a == b || (a.name().equals(b.name()) && a.kind().equals(b.kind()));
    }
  }

  private TreeBuilder child(String childName, String childKind) {
    if (chart) {
      TreeBuilder last = kidCount == 0 ? null : kids[kidCount - 1];
      return last != null && last.name.equals(childName) && last.kind.equals(childKind) ? last
          : append(childName, childKind);
    }
    if (index != null) {
      int mask = index.length - 1;
      int i = slot(childName, childKind) & mask;
      for (TreeBuilder k = index[i]; k != null; k = index[i = (i + 1) & mask]) {
        if (k.name.equals(childName) && k.kind.equals(childKind)) {
          return k;
        }
      }
      TreeBuilder child = append(childName, childKind);
      if (2 * kidCount > index.length) {
        reindex();
      } else {
        index[i] = child;
      }
      return child;
    }
    for (int i = 0; i < kidCount; i++) {
      TreeBuilder k = kids[i];
      if (k.name.equals(childName) && k.kind.equals(childKind)) {
        return k;
      }
    }
    TreeBuilder child = append(childName, childKind);
    if (kidCount > SCAN_LIMIT) {
      reindex();
    }
    return child;
  }

  /** Builds the index of the children anew, four slots per child. */
  private void reindex() {
    index = new TreeBuilder[Integer.highestOneBit(kidCount) * 4];
    int mask = index.length - 1;
    for (int k = 0; k < kidCount; k++) {
      int i = slot(kids[k].name, kids[k].kind) & mask;
      while (index[i] != null) {
        i = (i + 1) & mask;
      }
      index[i] = kids[k];
    }
  }

  /** The hash of a child's (name, kind), its high bits spread into the low ones. */
  private static int slot(String childName, String childKind) {
    int h = childName.hashCode() * 31 + childKind.hashCode();
    return h ^ (h >>> 16);
  }

  private TreeBuilder append(String childName, String childKind) {
    if (kids == null) {
      kids = new TreeBuilder[2];
    } else if (kidCount == kids.length) {
      kids = Arrays.copyOf(kids, kidCount * 2);
    }
    TreeBuilder child = new TreeBuilder(childName, childKind, chart);
    kids[kidCount++] = child;
    return child;
  }

  /**
   * The immutable tree below this node, children sorted (unless a chart), the baselines kept
   * for a differential tree (else 0). Iterative, post-order
   * with an explicit stack: stacks can be any depth, the thread's stack is not.
   */
  FrameNode freeze(boolean keepBefore) {
    TreeBuilder[] path = new TreeBuilder[16];
    int[] next = new int[16];
    FrameNode[][] done = new FrameNode[16][];
    int top = 0;
    path[0] = this;
    done[0] = kidCount == 0 ? NO_CHILDREN : new FrameNode[kidCount];
    while (true) {
      TreeBuilder b = path[top];
      if (next[top] < b.kidCount) {
        TreeBuilder c = b.kids[next[top]];
        if (++top == path.length) {
          path = Arrays.copyOf(path, top * 2);
          next = Arrays.copyOf(next, top * 2);
          done = Arrays.copyOf(done, top * 2);
        }
        path[top] = c;
        next[top] = 0;
        done[top] = c.kidCount == 0 ? NO_CHILDREN : new FrameNode[c.kidCount];
        continue;
      }
      FrameNode[] nodes = done[top];
      if (!chart && nodes.length > 1) {
        Arrays.sort(nodes, ORDER); // inputs are usually sorted already: one linear pass then
      }
      FrameNode n = new FrameNode(b.name, b.kind, b.value, keepBefore ? b.before : 0, 0, nodes);
      path[top] = null;
      done[top] = null;
      if (top == 0) {
        return n;
      }
      top--;
      done[top][next[top]++] = n;
    }
  }
}
