// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

/**
 * What a rendering produced, for logs and benchmarks.
 *
 * <pre>{@code
 * SvgStats s = SvgRenderer.render(tree, SvgOptions.defaults(), out);
 * System.out.println(s.frames() + " frames, " + s.bytes() + " bytes");
 * }</pre>
 *
 * @param frames frame boxes drawn, the root and aggregates included
 * @param mergedFrames how many of them are aggregates of narrow frames
 * @param total the root's value
 * @param width image width in px
 * @param height image height in px
 * @param bytes size of the UTF-8 output
 */
public record SvgStats(int frames, int mergedFrames, long total, int width, int height,
    long bytes) {}
