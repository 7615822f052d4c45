// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

/**
 * How frames are coloured. Colours are stable: a frame's colour depends only on its name and
 * kind, so the same frame looks the same in every graph.
 *
 * <pre>{@code
 * SvgOptions.defaults().withPalette(Palette.HOT);
 * }</pre>
 */
public enum Palette {
  /**
   * One hue family per frame kind (syscall red-orange, path blue, process green, function
   * yellow, thread teal, unknown warm; other kinds get a hue from their name), with a legend.
   */
  KIND,
  /** flamegraph.pl's classic warm colours for every frame, ignoring kinds. */
  HOT
}
