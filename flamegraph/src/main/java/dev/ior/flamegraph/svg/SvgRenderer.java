// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Renders a self-contained, interactive flame graph SVG: it opens in a browser as a file, with
 * click to zoom, Reset Zoom, search (regular expression or text) with highlighted matches and
 * the matched share, tooltips with value and percentage, and a legend of frame kinds. Frames
 * narrower than {@link SvgOptions#minWidth()} are merged first ({@link FrameTree#mergeNarrow});
 * output is byte-stable for equal input.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("io.svg"))) {
 *   SvgRenderer.render(profile, profile.indexOf("count"),
 *       SvgOptions.defaults().withTitle("I/O syscalls").withCountName("calls"), out);
 * }
 * }</pre>
 *
 * <p>A differential tree ({@link FrameTree#diff}) is drawn red where frames grew and blue where
 * they shrank, whatever the palette.
 */
public final class SvgRenderer {
  private SvgRenderer() {}

  /**
   * Renders column {@code valueIndex} of {@code profile} to {@code out} (flushed, not closed).
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @param options how to draw
   * @param out the stream to write the SVG to
   * @return what was drawn: frames, size, bytes
   * @throws IOException when {@code out} cannot be written
   */
  public static SvgStats render(StackProfile profile, int valueIndex, SvgOptions options,
      OutputStream out) throws IOException {
    return render(FrameTree.of(profile, valueIndex), options, out);
  }

  /**
   * Renders {@code tree} to {@code out} (flushed, not closed).
   *
   * @param tree the tree to draw
   * @param options how to draw
   * @param out the stream to write the SVG to
   * @return what was drawn: frames, size, bytes
   * @throws IOException when {@code out} cannot be written
   */
  public static SvgStats render(FrameTree tree, SvgOptions options, OutputStream out)
      throws IOException {
    SvgDocument doc = new SvgDocument(tree, options);
    byte[] bytes = doc.build().toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    out.flush();
    return doc.stats(bytes.length);
  }

  /**
   * Writes an SVG that only shows {@code message} (as flamegraph.pl does when it found no
   * stacks), for pipelines that always expect an image; flushed, not closed.
   *
   * @param message the text to show
   * @param options the size, fonts and background
   * @param out the stream to write the SVG to
   * @throws IOException when {@code out} cannot be written
   */
  public static void renderMessage(String message, SvgOptions options, OutputStream out)
      throws IOException {
    int w = options.width();
    int h = options.fontSize() * 5;
    StringBuilder b = new StringBuilder(256);
    b.append("<?xml version=\"1.0\" standalone=\"no\"?>\n")
        .append("<svg version=\"1.1\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"").append(w / 2)
        .append("\" y=\"").append(options.fontSize() * 2)
        .append("\" text-anchor=\"middle\" style=\"font-family: ")
        .append(Text.xml(options.fontType())).append("; font-size: ")
        .append(options.fontSize()).append("px\">");
    Text.xml(b, message).append("</text>\n</svg>\n");
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Renders {@code tree} to a string, for tests and embedding.
   *
   * @param tree the tree to draw
   * @param options how to draw
   * @return the SVG document
   */
  public static String renderToString(FrameTree tree, SvgOptions options) {
    return new SvgDocument(tree, options).build().toString();
  }
}
