// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

import dev.ior.flamegraph.intern.Interner;
import dev.ior.flamegraph.io.Json;
import dev.ior.flamegraph.svg.FrameColors;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.text.NameEscaper;
import dev.ior.flamegraph.tree.FrameNode;
import dev.ior.flamegraph.tree.FrameTree;

/**
 * Encodes a frame tree as the JSON object the HTML page reads: settings, a table of names (shown
 * escaped by {@link NameEscaper}, as in the SVG), a table of colours, and the frames in pre-order
 * as a flat number array of {@code depth, name, value, colour} (plus {@code before} in
 * differential trees). Starts are not stored: the page
 * recovers them from the pre-order, as the SVG script does.
 */
final class FrameData {
  private final FrameTree tree;
  private final SvgOptions o;
  private final Interner<String> names = new Interner<>(0);
  private final Interner<String> colors = new Interner<>(0);
  private final StringBuilder frames = new StringBuilder(1 << 16);
  private final long maxDelta;
  private int count;

  FrameData(FrameTree tree, SvgOptions options) {
    this.tree = tree;
    this.o = options;
    this.maxDelta = tree.isDifferential() ? tree.maxDelta() : 0;
  }

  int frames() {
    return count;
  }

  /** The JSON text; every string is escaped by {@link Json} so it is safe inside a script. */
  String json() {
    tree.walk((n, depth, start) -> {
      if (n.value() <= 0) {
        return false;
      }
      add(n, depth);
      return true;
    });
    StringBuilder b = new StringBuilder(frames.length() + 1024);
    b.append("{\"title\":");
    Json.string(b, o.title()).append(",\"countName\":");
    Json.string(b, o.countName()).append(",\"nameType\":");
    Json.string(b, o.nameType()).append(",\"total\":").append(tree.total())
        .append(",\"inverted\":").append(o.inverted())
        .append(",\"diff\":").append(tree.isDifferential())
        .append(",\"negate\":").append(o.negate())
        .append(",\"fh\":").append(o.frameHeight())
        .append(",\"fs\":").append(o.fontSize())
        .append(",\"font\":");
    Json.string(b, o.fontType())
        .append(",\"names\":");
    Json.strings(b, names.keys()).append(",\"colors\":");
    Json.strings(b, colors.keys()).append(",\"frames\":[");
    b.append(frames).append("]}");
    return b.toString();
  }

  private void add(FrameNode n, int depth) {
    if (count++ > 0) {
      frames.append(',');
    }
    long delta = o.negate() ? n.before() - n.value() : n.value() - n.before();
    String color = tree.isDifferential()
        ? FrameColors.delta(delta, maxDelta)
        : FrameColors.fill(n, o.palette());
    frames.append(depth).append(',').append(names.index(NameEscaper.TEXT.escape(n.name())))
        .append(',').append(n.value()).append(',').append(colors.index(color));
    if (tree.isDifferential()) {
      frames.append(',').append(n.before());
    }
  }
}
