// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.tree.FrameNode;
import java.util.Map;

/**
 * Frame fill colours as {@code #rrggbb}, shared by the SVG and HTML renderers: a hue range per
 * kind, varied within it by a hash of the name (so neighbours differ but a frame's colour never
 * changes), and red/blue for differential graphs.
 *
 * <pre>{@code
 * String fill = FrameColors.fill(node, Palette.KIND);   // e.g. "#f1302b" for a syscall
 * String grew = FrameColors.delta(+200, 200);           // "#ff0000"
 * }</pre>
 */
public final class FrameColors {
  /** Hue range start, hue range size, in degrees. */
  private static final Map<String, int[]> HUES = Map.of(
      "syscall", new int[] {0, 28},
      "path", new int[] {190, 30},
      "process", new int[] {95, 40},
      "function", new int[] {40, 18},
      "thread", new int[] {160, 20},
      "", new int[] {0, 55});

  private FrameColors() {}

  /** The fill of {@code n} under {@code palette} (not for differential graphs). */
  public static String fill(FrameNode n, Palette palette) {
    if (n.isMerged()) {
      return "#c8c8c8";
    }
    String kind = palette == Palette.HOT ? "" : n.kind();
    int h = hash(n.name());
    return hsl(kind, (h & 0xffff) / 65535.0, ((h >>> 16) & 0xff) / 255.0);
  }

  /** The legend swatch of a kind: the middle of its range. */
  public static String swatch(String kind) {
    return FrameNode.MERGED_KIND.equals(kind) ? "#c8c8c8" : hsl(kind, 0.5, 0.5);
  }

  private static String hsl(String kind, double t1, double t2) {
    int[] range = HUES.get(kind);
    if (range == null) {
      range = new int[] {Math.floorMod(hash(kind), 360), 20};
    }
    double hue = range[0] + range[1] * t1;
    return rgb(hue, 0.70 + 0.2 * t2, 0.55 + 0.12 * t1);
  }

  /**
   * Differential colour: red when the frame grew, blue when it shrank, the stronger the larger
   * the change relative to {@code maxDelta}; near white when unchanged.
   */
  public static String delta(long delta, long maxDelta) {
    if (delta == 0 || maxDelta == 0) {
      return "#f4f4f4";
    }
    int fade = (int) Math.round(220 * (1 - Math.min(1.0, Math.abs((double) delta) / maxDelta)));
    return delta > 0 ? hex(255, fade, fade) : hex(fade, fade, 255);
  }

  /** FNV-1a over the UTF-16 units: specified here, so colours never depend on the JVM. */
  static int hash(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return h;
  }

  private static String rgb(double hue, double sat, double light) {
    double c = (1 - Math.abs(2 * light - 1)) * sat;
    double hp = (hue % 360) / 60.0;
    double x = c * (1 - Math.abs(hp % 2 - 1));
    double r = 0;
    double g = 0;
    double b = 0;
    if (hp < 1) { r = c; g = x; } else if (hp < 2) { r = x; g = c; }
    else if (hp < 3) { g = c; b = x; } else if (hp < 4) { g = x; b = c; }
    else if (hp < 5) { r = x; b = c; } else { r = c; b = x; }
    double m = light - c / 2;
    return hex(to255(r + m), to255(g + m), to255(b + m));
  }

  private static int to255(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  private static String hex(int r, int g, int b) {
    String digits = "0123456789abcdef";
    char[] out = {'#', digits.charAt(r >> 4), digits.charAt(r & 15), digits.charAt(g >> 4),
        digits.charAt(g & 15), digits.charAt(b >> 4), digits.charAt(b & 15)};
    return new String(out);
  }
}
