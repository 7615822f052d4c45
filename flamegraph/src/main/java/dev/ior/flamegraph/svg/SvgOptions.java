// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import java.util.Objects;

/**
 * Everything the SVG renderer needs to know, as one immutable value; renderers never read
 * command-line flags.
 *
 * <pre>{@code
 * SvgOptions o = SvgOptions.defaults()
 *     .withTitle("I/O by path")
 *     .withSubtitle("host earth, 60 s")
 *     .withCountName("syscalls")
 *     .withInverted(true);
 * }</pre>
 *
 * @param title heading at the top
 * @param subtitle second heading line, empty for none
 * @param countName what one unit of value is called in tooltips, e.g. {@code samples}, {@code ns}
 * @param width image width in px (at least 100)
 * @param frameHeight height of one frame row in px (at least 4)
 * @param fontSize label font size in px
 * @param minWidth frames narrower than this many px are merged (see {@link
 *     dev.ior.flamegraph.tree.FrameTree#mergeNarrow})
 * @param inverted draw an icicle graph: root at the top, stacks growing down
 * @param palette how frames are coloured (ignored by differential graphs, which are red/blue)
 * @param legend whether to draw a legend of frame kinds (or of the diff colours)
 */
public record SvgOptions(
    String title,
    String subtitle,
    String countName,
    int width,
    int frameHeight,
    int fontSize,
    double minWidth,
    boolean inverted,
    Palette palette,
    boolean legend) {
  public SvgOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(countName, "countName");
    Objects.requireNonNull(palette, "palette");
    if (width < 100 || frameHeight < 4 || fontSize < 4 || !(minWidth >= 0)) {
      throw new IllegalArgumentException("need width >= 100, frameHeight >= 4, fontSize >= 4, "
          + "minWidth >= 0; got " + width + ", " + frameHeight + ", " + fontSize + ", " + minWidth);
    }
  }

  /** "Flame Graph", 1200 px wide, 16 px rows, 12 px font, 0.1 px minimum, kind colours. */
  public static SvgOptions defaults() {
    return new SvgOptions("Flame Graph", "", "samples", 1200, 16, 12, 0.1, false,
        Palette.KIND, true);
  }

  /** A copy with another title. */
  public SvgOptions withTitle(String t) {
    return new SvgOptions(t, subtitle, countName, width, frameHeight, fontSize, minWidth,
        inverted, palette, legend);
  }

  /** A copy with another subtitle. */
  public SvgOptions withSubtitle(String s) {
    return new SvgOptions(title, s, countName, width, frameHeight, fontSize, minWidth,
        inverted, palette, legend);
  }

  /** A copy with another count name. */
  public SvgOptions withCountName(String c) {
    return new SvgOptions(title, subtitle, c, width, frameHeight, fontSize, minWidth,
        inverted, palette, legend);
  }

  /** A copy with another width in px. */
  public SvgOptions withWidth(int w) {
    return new SvgOptions(title, subtitle, countName, w, frameHeight, fontSize, minWidth,
        inverted, palette, legend);
  }

  /** A copy with another minimum frame width in px. */
  public SvgOptions withMinWidth(double m) {
    return new SvgOptions(title, subtitle, countName, width, frameHeight, fontSize, m,
        inverted, palette, legend);
  }

  /** A copy drawn as an icicle graph or not. */
  public SvgOptions withInverted(boolean i) {
    return new SvgOptions(title, subtitle, countName, width, frameHeight, fontSize, minWidth,
        i, palette, legend);
  }

  /** A copy with another palette. */
  public SvgOptions withPalette(Palette p) {
    return new SvgOptions(title, subtitle, countName, width, frameHeight, fontSize, minWidth,
        inverted, p, legend);
  }

  /** A copy with or without legend. */
  public SvgOptions withLegend(boolean l) {
    return new SvgOptions(title, subtitle, countName, width, frameHeight, fontSize, minWidth,
        inverted, palette, l);
  }
}
