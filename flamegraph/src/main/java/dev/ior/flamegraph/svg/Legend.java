// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.tree.FrameNode;
import dev.ior.flamegraph.tree.FrameTree;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * What the legend under a graph lists, for the SVG and HTML renderers alike: the three diff
 * colours, or the frame kinds that appear and that the palette colours (then also "other" for
 * the frames it does not, and the grey of merged frames). Empty when the palette colours no
 * kind that appears, or the legend is switched off.
 *
 * <pre>{@code
 * for (Legend.Item i : Legend.items(tree, options)) {
 *   System.out.println(i.color() + " " + i.label());
 * }
 * }</pre>
 */
public final class Legend {
  private Legend() {}

  /**
   * One swatch.
   *
   * @param color {@code #rrggbb}
   * @param label the kind, "other", or grew/shrank/unchanged
   */
  public record Item(String color, String label) {}

  /**
   * {@return the legend of {@code tree} drawn with {@code o}}
   *
   * @param tree the tree being drawn
   * @param o the options it is drawn with
   */
  public static List<Item> items(FrameTree tree, SvgOptions o) {
    List<Item> items = new ArrayList<>();
    if (!o.legend()) {
      return items;
    }
    if (tree.isDifferential()) {
      items.add(new Item(FrameColors.delta(o.negate() ? -1 : 1, 1), "grew"));
      items.add(new Item(FrameColors.delta(o.negate() ? 1 : -1, 1), "shrank"));
      items.add(new Item(FrameColors.delta(0, 1), "unchanged"));
      return items;
    }
    SortedSet<String> kinds = tree.kinds();
    boolean coloured = false;
    for (String k : kinds) {
      coloured |= o.palette().kinds().contains(k);
    }
    if (!coloured) {
      return items;
    }
    boolean other = false;
    for (String k : kinds) {
      if (o.palette().kinds().contains(k) || k.equals(FrameNode.MERGED_KIND)) {
        items.add(new Item(FrameColors.swatch(k, o.palette()), k));
      } else {
        other = true;
      }
    }
    if (other) {
      items.add(new Item(FrameColors.swatch("", o.palette()), "other"));
    }
    return items;
  }
}
