// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.FlowStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terminal flame graph without the terminal: builds a frame tree from the snapshot's flows
 * in the chosen frame order, lays it out in columns proportional to the chosen metric (children
 * sorted by name, as flamegraph.pl does, so frames keep their place between refreshes), and
 * keeps the zoom and the selected frame as paths of names.
 */
final class FlameModel {
  static final List<List<FrameField>> ORDERS = List.of(
      List.of(FrameField.COMM, FrameField.SYSCALL, FrameField.FILE),
      List.of(FrameField.SYSCALL, FrameField.FILE, FrameField.COMM),
      List.of(FrameField.FILE, FrameField.SYSCALL, FrameField.COMM),
      List.of(FrameField.COMM, FrameField.PID, FrameField.DIR, FrameField.FILE,
          FrameField.SYSCALL));

  private int order;
  private FlameMetric metric = FlameMetric.COUNT;
  private List<String> zoom = List.of();
  private List<String> selected = List.of();
  private List<FlameBlock> last = List.of();

  List<FrameField> order() {
    return ORDERS.get(order);
  }

  FlameMetric metric() {
    return metric;
  }

  List<String> zoom() {
    return zoom;
  }

  List<String> selected() {
    return selected;
  }

  /** Next frame order; zoom and selection start over since their names change meaning. */
  void cycleOrder() {
    order = (order + 1) % ORDERS.size();
    zoom = List.of();
    selected = List.of();
  }

  void cycleMetric() {
    metric = metric.next();
  }

  /** Zooms into the selected frame. */
  void zoomIn() {
    zoom = selected;
  }

  /** One level out; false when already at the root. */
  boolean zoomOut() {
    if (zoom.isEmpty()) {
      return false;
    }
    zoom = zoom.subList(0, zoom.size() - 1);
    selected = zoom;
    return true;
  }

  /** Lays out the flows in {@code width} columns, at most {@code maxDepth} levels. */
  List<FlameBlock> layout(List<FlowStats> flows, int width, int maxDepth) {
    Node root = new Node("all");
    for (FlowStats f : flows) {
      long v = metric.of(f);
      if (v <= 0) {
        continue;
      }
      Node n = root;
      n.value += v;
      for (FrameField field : order()) {
        n = n.children.computeIfAbsent(field.of(f), Node::new);
        n.value += v;
      }
    }
    Node top = root;
    List<String> path = new ArrayList<>();
    for (String name : zoom) {
      Node child = top.children.get(name);
      if (child == null) {
        break; // the zoomed frame is gone (reset, new order): show its deepest ancestor left
      }
      top = child;
      path.add(name);
    }
    List<FlameBlock> out = new ArrayList<>();
    if (top.value > 0 && width > 0) {
      place(top, path, 0, 0, width, maxDepth, out);
    }
    last = out;
    if (!selected.isEmpty() && find(selected) == null) {
      selected = path;
    }
    return out;
  }

  private void place(Node n, List<String> path, int depth, int col, int width, int maxDepth,
      List<FlameBlock> out) {
    out.add(new FlameBlock(depth, col, width, n.name, n.value, path));
    if (depth + 1 >= maxDepth) {
      return;
    }
    long cum = 0;
    for (Node c : n.children.values()) {
      // Edges from cumulative sums: neighbours touch and the row adds up to the parent.
      int x0 = col + (int) (cum * width / n.value);
      cum += c.value;
      int x1 = col + (int) (cum * width / n.value);
      if (x1 > x0) {
        List<String> p = new ArrayList<>(path);
        p.add(c.name);
        place(c, p, depth + 1, x0, x1 - x0, maxDepth, out);
      }
    }
  }

  /** The block of the last layout with this path, or null. */
  FlameBlock find(List<String> path) {
    for (FlameBlock b : last) {
      if (b.path().equals(path)) {
        return b;
      }
    }
    return null;
  }

  /** The selected block of the last layout (the top block when nothing else is selected). */
  FlameBlock selectedBlock() {
    FlameBlock b = find(selected);
    return b != null ? b : last.isEmpty() ? null : last.get(0);
  }

  /** Moves the selection: dDepth +1 to the widest child, -1 to the parent, dSide to a neighbour. */
  void move(int dDepth, int dSide) {
    FlameBlock cur = selectedBlock();
    if (cur == null) {
      return;
    }
    FlameBlock next = null;
    for (FlameBlock b : last) {
      if (dDepth > 0 && b.depth() == cur.depth() + 1 && isChild(cur, b)
          && (next == null || b.width() > next.width())) {
        next = b;
      } else if (dDepth < 0 && b.depth() == cur.depth() - 1 && isChild(b, cur)) {
        next = b;
      } else if (dSide != 0 && b.depth() == cur.depth() && sideOf(cur, b) == dSide
          && (next == null || Math.abs(b.col() - cur.col()) < Math.abs(next.col() - cur.col()))) {
        next = b;
      }
    }
    if (next != null) {
      selected = next.path();
    }
  }

  private static boolean isChild(FlameBlock parent, FlameBlock child) {
    return child.path().size() == parent.path().size() + 1
        && child.path().subList(0, parent.path().size()).equals(parent.path());
  }

  private static int sideOf(FlameBlock from, FlameBlock to) {
    return Integer.compare(to.col(), from.col());
  }

  /** A frame while building the tree. */
  private static final class Node {
    final String name;
    final Map<String, Node> children = new TreeMap<>();
    long value;

    Node(String name) {
      this.name = name;
    }
  }
}
