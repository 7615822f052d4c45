// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import dev.ior.flamegraph.profile.Frame;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private long value;
  private long before;
  private TreeBuilder[] kids;
  private int kidCount;
  private Map<Key, TreeBuilder> index;

  TreeBuilder(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  /**
   * Adds {@code amount} along {@code stack} (root first); {@code baseline} picks the column.
   * Nodes of the prefix shared with the previous stack added through this cursor are reused
   * without lookups: adjacent stacks in folded files and profiles mostly share long prefixes.
   */
  static final class Cursor {
    private final TreeBuilder root;
    private List<Frame> previous = List.of();
    private TreeBuilder[] chain = new TreeBuilder[16];

    Cursor(TreeBuilder root) {
      this.root = root;
    }

    void add(List<Frame> stack, long amount, boolean baseline) {
      if (chain.length < stack.size()) {
        chain = Arrays.copyOf(chain, Math.max(stack.size(), chain.length * 2));
      }
      int shared = 0;
      int max = Math.min(stack.size(), previous.size());
      while (shared < max && sameFrame(stack.get(shared), previous.get(shared))) {
        shared++;
      }
      root.count(amount, baseline);
      TreeBuilder node = root;
      for (int i = 0; i < stack.size(); i++) {
        if (i >= shared) {
          Frame f = stack.get(i);
          chain[i] = node.child(f.name(), f.kind());
        }
        node = chain[i];
        node.count(amount, baseline);
      }
      previous = stack;
    }

    private static boolean sameFrame(Frame a, Frame b) {
      return a == b || (a.name().equals(b.name()) && a.kind().equals(b.kind()));
    }
  }

  /** Adds to a column; a sum past the range of a long throws rather than wrapping. */
  private void count(long amount, boolean baseline) {
    if (baseline) {
      before = Math.addExact(before, amount);
    } else {
      value = Math.addExact(value, amount);
    }
  }

  private TreeBuilder child(String childName, String childKind) {
    if (index != null) {
      Key key = new Key(childName, childKind);
      TreeBuilder child = index.get(key);
      if (child == null) {
        child = append(childName, childKind);
        index.put(key, child);
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
      index = new HashMap<>(kidCount * 2);
      for (int i = 0; i < kidCount; i++) {
        index.put(new Key(kids[i].name, kids[i].kind), kids[i]);
      }
    }
    return child;
  }

  private TreeBuilder append(String childName, String childKind) {
    if (kids == null) {
      kids = new TreeBuilder[2];
    } else if (kidCount == kids.length) {
      kids = Arrays.copyOf(kids, kidCount * 2);
    }
    TreeBuilder child = new TreeBuilder(childName, childKind);
    kids[kidCount++] = child;
    return child;
  }

  FrameNode freeze() {
    if (kidCount == 0) {
      return new FrameNode(name, kind, value, before, 0, NO_CHILDREN);
    }
    FrameNode[] nodes = new FrameNode[kidCount];
    for (int i = 0; i < kidCount; i++) {
      nodes[i] = kids[i].freeze();
    }
    Arrays.sort(nodes, ORDER); // inputs are usually sorted already: one linear pass then
    return new FrameNode(name, kind, value, before, 0, nodes);
  }

  /** Child key; methods written out because generated record methods are slow when cold. */
  private static final class Key {
    final String name;
    final String kind;

    Key(String name, String kind) {
      this.name = name;
      this.kind = kind;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && name.equals(k.name) && kind.equals(k.kind);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + kind.hashCode();
    }
  }
}
