// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

/**
 * Pixel layout of one graph: margins, the frame area, and where a depth is drawn.
 *
 * @param xpad left and right margin in px
 * @param usable width of the frame area in px
 * @param top y of the frame area's top edge
 * @param rows number of frame rows (deepest depth + 1)
 * @param height whole image height
 * @param scale px per unit of value
 */
record Geometry(double xpad, double usable, int top, int rows, int height, double scale) {
  static Geometry of(SvgOptions o, int maxDepth, long total, boolean legend) {
    int top = 34 + (o.subtitle().isEmpty() ? 0 : o.fontSize() + 6) + 6;
    int rows = maxDepth + 1;
    int bottom = 2 * o.fontSize() + 10 + (legend ? 2 * o.fontSize() : 0);
    double xpad = 10;
    double usable = o.width() - 2 * xpad;
    return new Geometry(xpad, usable, top, rows, top + rows * o.frameHeight() + bottom,
        total == 0 ? 0 : usable / total);
  }

  /** y of the top edge of a frame at {@code depth}. */
  int y(int depth, SvgOptions o) {
    int row = o.inverted() ? depth : rows - 1 - depth;
    return top + row * o.frameHeight();
  }

  /** Baseline of the line of text under the frames (details, matched). */
  int detailsY(SvgOptions o) {
    return top + rows * o.frameHeight() + o.fontSize() + 8;
  }
}
