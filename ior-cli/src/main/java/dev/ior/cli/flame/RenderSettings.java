// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import java.util.List;

/**
 * Which files a flame-graph run writes for one profile and how: the base name, whether to write
 * the SVG and pprof, and an optional external renderer ({@code -flamegraphTool}).
 *
 * <pre>{@code
 * new RenderSettings("ior-earth-20261126-070500", true, false, List.of());
 * }</pre>
 *
 * @param base path without extension; files are {@code base.collapsed}, {@code base.svg}, ...
 * @param flameGraph write {@code base.collapsed} and {@code base.svg}
 * @param pprof write {@code base.pb.gz}
 * @param tool the external renderer's command and arguments; empty to render ourselves
 */
record RenderSettings(String base, boolean flameGraph, boolean pprof, List<String> tool) {
  RenderSettings {
    tool = List.copyOf(tool);
  }
}
