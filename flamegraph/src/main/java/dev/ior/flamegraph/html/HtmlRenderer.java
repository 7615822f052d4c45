// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

import dev.ior.flamegraph.svg.Legend;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.Text;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders a flame graph as one self-contained HTML page drawn on a canvas, for graphs too large
 * for an SVG: the page holds (almost) the whole tree and lays it out again on every zoom, so
 * frames far too narrow for the SVG appear once zoomed into, and search covers them all. It
 * offers the SVG's interactions (click to zoom, Reset Zoom, search with matched share, tooltips,
 * Escape, a {@code #s=term} fragment) and uses the same options and colours.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("io.html"))) {
 *   HtmlRenderer.render(FrameTree.of(profile, 0), SvgOptions.defaults().withTitle("I/O"), out);
 * }
 * }</pre>
 *
 * <p>Only frames below 1/1000 of {@link SvgOptions#minWidth()} (invisible even at 1000x zoom)
 * are merged; {@link SvgOptions#width()} is ignored, the page takes the window's width.
 */
public final class HtmlRenderer {
  private static final String TEMPLATE = template();

  private HtmlRenderer() {}

  /**
   * Renders {@code tree} to {@code out} (flushed, not closed).
   *
   * @param tree the tree to draw
   * @param options how to draw
   * @param out the stream to write the HTML page to
   * @return what was written
   * @throws IOException when {@code out} cannot be written
   */
  public static HtmlStats render(FrameTree tree, SvgOptions options, OutputStream out)
      throws IOException {
    long total = tree.total();
    long minValue = (long) Math.floor(options.minWidth() / 1000 * total / (options.width() - 20));
    FrameTree merged = tree.mergeNarrow(minValue);
    FrameData data = new FrameData(merged, options);
    String json = data.json();
    String page = fill(TEMPLATE,
        escapeHtml(options.title()),
        escapeHtml(options.title()),
        escapeHtml(options.subtitle()),
        legend(merged, options),
        json);
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    out.flush();
    return new HtmlStats(data.frames(), total, bytes.length);
  }

  /** Replaces the template's {@code @@} placeholders in order with {@code values}. */
  static String fill(String template, String... values) {
    StringBuilder b = new StringBuilder(template.length() + values[values.length - 1].length());
    int from = 0;
    for (String v : values) {
      int at = template.indexOf("@@", from);
      if (at < 0) {
        throw new IllegalStateException("template has fewer placeholders than values");
      }
      b.append(template, from, at).append(v);
      from = at + 2;
    }
    if (template.indexOf("@@", from) >= 0) {
      throw new IllegalStateException("template has more placeholders than values");
    }
    return b.append(template, from, template.length()).toString();
  }

  private static String legend(FrameTree tree, SvgOptions o) {
    StringBuilder b = new StringBuilder();
    for (Legend.Item i : Legend.items(tree, o)) {
      swatch(b, i.color(), i.label());
    }
    return b.toString();
  }

  private static void swatch(StringBuilder b, String color, String label) {
    b.append("<span class=\"swatch\" style=\"background:").append(color).append("\"></span>")
        .append(escapeHtml(label)).append(' ');
  }

  /** HTML text and attributes need what XML needs; one escaper for both renderers. */
  static String escapeHtml(String s) {
    return Text.xml(s);
  }

  private static String template() {
    try (InputStream in = HtmlRenderer.class.getResourceAsStream("flamegraph.html")) {
      if (in == null) {
        throw new IllegalStateException("missing resource flamegraph.html");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
