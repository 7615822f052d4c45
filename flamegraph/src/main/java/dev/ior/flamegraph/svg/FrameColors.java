// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.tree.FrameNode;

/**
 * Frame fill colours as {@code #rrggbb}, shared by the SVG and HTML renderers: the caller's
 * {@link Palette} for ordinary frames, grey for aggregates of merged frames, and red/blue for
 * differential graphs.
 *
 * <pre>{@code
 * String fill = FrameColors.fill(node, Palette.hot());
 * String grew = FrameColors.delta(+200, 200);           // "#ff0000"
 * }</pre>
 */
public final class FrameColors {
  /** Aggregates of frames too narrow to draw. */
  static final String MERGED = "#c8c8c8";

  private FrameColors() {}

  /**
   * {@return the fill of {@code n} under {@code palette} (not for differential graphs)}
   *
   * @param n the frame
   * @param palette the palette
   */
  public static String fill(FrameNode n, Palette palette) {
    return n.isMerged() ? MERGED : palette.fill(n.name(), n.kind());
  }

  /**
   * {@return the legend swatch of a kind}
   *
   * @param kind a frame kind, e.g. {@code syscall}
   * @param palette the palette
   */
  public static String swatch(String kind, Palette palette) {
    return FrameNode.MERGED_KIND.equals(kind) ? MERGED : palette.swatch(kind);
  }

  /**
   * {@return differential colour: red when the frame grew, blue when it shrank, the stronger the
   * larger the change relative to {@code maxDelta}; near white when unchanged}
   *
   * @param delta the frame's value minus its baseline value
   * @param maxDelta the largest |delta| of the graph, >= 0; 0 draws every frame unchanged
   */
  public static String delta(long delta, long maxDelta) {
    if (delta == 0 || maxDelta == 0) {
      return "#f4f4f4";
    }
    int fade = (int) Math.round(220 * (1 - Math.min(1.0, Math.abs((double) delta) / maxDelta)));
    return delta > 0 ? Palette.hex(255, fade, fade) : Palette.hex(fade, fade, 255);
  }
}
