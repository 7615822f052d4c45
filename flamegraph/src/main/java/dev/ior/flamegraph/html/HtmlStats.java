// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

/**
 * What an HTML rendering produced.
 *
 * <pre>{@code
 * HtmlStats s = HtmlRenderer.render(tree, SvgOptions.defaults(), out);
 * System.out.println(s.frames() + " frames in " + s.bytes() + " bytes");
 * }</pre>
 *
 * @param frames frames embedded in the page, the root included
 * @param total the root's value
 * @param bytes size of the UTF-8 output
 */
public record HtmlStats(int frames, long total, long bytes) {}
