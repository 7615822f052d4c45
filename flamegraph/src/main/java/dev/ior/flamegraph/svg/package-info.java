// SPDX-License-Identifier: Apache-2.0
/**
 * Interactive SVG flame graphs: {@link dev.ior.flamegraph.svg.SvgRenderer} draws a {@link
 * dev.ior.flamegraph.tree.FrameTree} with the options of {@link
 * dev.ior.flamegraph.svg.SvgOptions}; the script and style embedded in every SVG are the
 * resources {@code flamegraph.js} and {@code flamegraph.css} next to these classes.
 */
package dev.ior.flamegraph.svg;
