// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.text.NameEscaper;
import dev.ior.flamegraph.tree.FrameNode;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Builds the text of one SVG: header, script, frames (pre-order), legend. */
final class SvgDocument {
  private static final String SCRIPT = resource("flamegraph.js");
  private static final String STYLE = resource("flamegraph.css");

  private final FrameTree tree;
  private final SvgOptions o;
  private final Geometry g;
  private final long maxDelta;
  private final StringBuilder b = new StringBuilder(1 << 16);
  private final List<Legend.Item> legendItems;
  private int frames;
  private int merged;

  SvgDocument(FrameTree full, SvgOptions options) {
    this.o = options;
    long total = full.total();
    // The smallest value that is at least minWidth px wide; merging never changes totals.
    long minValue = total == 0 ? 1 : (long) Math.ceil(o.minWidth() * total / (o.width() - 20.0));
    this.tree = full.mergeNarrow(minValue);
    this.legendItems = Legend.items(tree, o);
    this.g = Geometry.of(o, tree.maxDepth(), total, !legendItems.isEmpty());
    this.maxDelta = tree.isDifferential() ? tree.maxDelta() : 0;
  }

  StringBuilder build() {
    header();
    b.append("<g id=\"frames\" data-total=\"").append(tree.total())
        .append("\" data-xpad=\"").append((int) g.xpad())
        .append("\" data-w=\"").append((int) g.usable())
        .append("\" data-fh=\"").append(o.frameHeight())
        .append("\" data-fs=\"").append(o.fontSize())
        .append("\" data-top=\"").append(g.top())
        .append("\" data-rows=\"").append(g.rows())
        .append("\" data-inv=\"").append(o.inverted() ? 1 : 0)
        .append("\" data-nametype=\"").append(Text.xml(o.nameType()))
        .append(o.fontWidth() == 0.59 ? "" : "\" data-fw=\"" + o.fontWidth()).append("\">\n");
    frames();
    b.append("</g>\n");
    if (!legendItems.isEmpty()) {
      legend();
    }
    b.append("</svg>\n");
    return b;
  }

  SvgStats stats(long bytes) {
    return new SvgStats(frames, merged, tree.total(), o.width(), g.height(), bytes);
  }

  private void header() {
    int w = o.width();
    int h = g.height();
    b.append("<?xml version=\"1.0\"")
        .append(o.encoding() == null ? "" : " encoding=\"" + o.encoding() + "\"")
        .append(" standalone=\"no\"?>\n")
        .append("<svg version=\"1.1\" id=\"flamegraph\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ')
        .append(h).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        .append(notes())
        .append("<style>\ntext { font-family: ").append(Text.xml(o.fontType()))
        .append("; font-size: ").append(o.fontSize()).append("px; }\n")
        .append(STYLE).append("</style>\n")
        .append("<script><![CDATA[\n").append(SCRIPT).append("]]></script>\n")
        .append(background());
    text("title", w / 2.0, 24, o.title(), "");
    if (!o.subtitle().isEmpty()) {
      text("subtitle", w / 2.0, 24 + o.fontSize() + 6, o.subtitle(), "");
    }
    text("unzoom", g.xpad(), 24, "Reset Zoom", "hide");
    text("search", w - g.xpad(), 24, "Search", "");
    text("details", g.xpad(), g.detailsY(o), " ", "");
    text("matched", w - g.xpad(), g.detailsY(o), " ", "");
  }

  /** The background: ours, flat, or flamegraph.pl's vertical gradient. */
  private String background() {
    String[] bg = o.background();
    if (bg == null) {
      return "<rect width=\"100%\" height=\"100%\" fill=\"#f8f8f2\"/>\n";
    }
    if (bg[0].equals(bg[1])) {
      return "<rect width=\"100%\" height=\"100%\" fill=\"" + bg[0] + "\"/>\n";
    }
    return "<defs><linearGradient id=\"background\" y1=\"0\" y2=\"1\" x1=\"0\" x2=\"0\">"
        + "<stop stop-color=\"" + bg[0] + "\" offset=\"5%\"/><stop stop-color=\"" + bg[1]
        + "\" offset=\"95%\"/></linearGradient></defs>\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"url(#background)\"/>\n";
  }

  /** The notes as an XML comment; "--" cannot appear in one and becomes "- -". */
  private String notes() {
    if (o.notes().isEmpty()) {
      return "";
    }
    String text = Text.xml(o.notes());
    while (text.contains("--")) {
      text = text.replace("--", "- -");
    }
    return "<!-- NOTES: " + (text.endsWith("-") ? text + " " : text) + " -->\n";
  }

  private void text(String id, double x, int y, String s, String cls) {
    b.append("<text id=\"").append(id).append('"');
    if (!cls.isEmpty()) {
      b.append(" class=\"").append(cls).append('"');
    }
    Text.num(b.append(" x=\""), x, 2).append("\" y=\"").append(y).append("\">");
    Text.xml(b, s).append("</text>\n");
  }

  /**
   * Writes the frames in pre-order, children side by side from their parent's start: the
   * script relies on that layout. Frames without value are not drawn.
   */
  private void frames() {
    tree.walk((n, depth, start) -> {
      if (n.value() <= 0) {
        return false;
      }
      frame(n, start, depth);
      return true;
    });
  }

  private void frame(FrameNode n, long start, int depth) {
    frames++;
    merged += n.isMerged() ? 1 : 0;
    double x = g.xpad() + start * g.scale();
    double width = n.value() * g.scale();
    int y = g.y(depth, o);
    // No start/value attributes: the script recovers both from the pre-order and the title.
    java.util.Map<String, String> attr = o.nameAttributes(n.name());
    b.append("<g");
    for (String a : new String[] {"id", "class"}) {
      if (attr.containsKey(a)) {
        b.append(' ').append(a).append("=\"");
        Text.xml(b, attr.get(a)).append('"');
      }
    }
    if (attr.containsKey("g_extra")) {
      b.append(' ').append(attr.get("g_extra")); // raw, as flamegraph.pl writes it
    }
    if (o.factor() != 1) { // the tooltip's numbers are scaled: the script takes the value here
      b.append(" data-v=\"").append(n.value()).append('"');
    }
    b.append("><title>");
    title(n, depth);
    b.append("</title>");
    if (attr.containsKey("href")) {
      b.append("<a href=\"");
      Text.xml(b, attr.get("href")).append("\" target=\"");
      Text.xml(b, attr.getOrDefault("target", "_top")).append('"');
      if (attr.containsKey("a_extra")) {
        b.append(' ').append(attr.get("a_extra"));
      }
      b.append('>');
    }
    Text.num(b.append("<rect x=\""), x, 2);
    Text.num(b.append("\" y=\"").append(y).append("\" width=\""), width, 2);
    b.append("\" height=\"").append(o.frameHeight() - 1).append("\" fill=\"").append(fill(n))
        .append("\"/>");
    String label = Text.fit(label(n), width, o.fontSize(), o.fontWidth());
    if (!label.isEmpty()) {
      Text.num(b.append("<text x=\""), x + 3, 2).append("\" y=\"")
          .append(y + (o.frameHeight() + o.fontSize()) / 2 - 2).append("\">");
      Text.xml(b, label).append("</text>");
    }
    b.append(attr.containsKey("href") ? "</a></g>\n" : "</g>\n");
  }

  /**
   * Tooltip, as flamegraph.pl writes it: "name (1,234 samples, 5.67%)" ("all (..., 100%)" for
   * the root), plus the change in a differential graph: "; was 100, +200", or with negate
   * (the graph has the earlier profile's shape) "; becomes 300, +200".
   */
  private void title(FrameNode n, int depth) {
    Text.xml(b, o.nameAttributes(n.name()).getOrDefault("title", label(n))).append(" (");
    Text.grouped(b, scaled(n.value())).append(' ');
    Text.xml(b, o.countName()).append(", ");
    if (depth == 0) {
      b.append("100%");
    } else {
      Text.percent(b, n.value(), tree.total());
    }
    if (tree.isDifferential()) {
      long delta = o.negate() ? n.before() - n.value() : n.value() - n.before();
      Text.grouped(b.append(o.negate() ? "; becomes " : "; was "), scaled(n.before()))
          .append(", ");
      Text.grouped(b.append(delta >= 0 ? "+" : ""), scaled(delta));
    }
    b.append(')');
  }

  /** The name as shown: without perf's trailing annotation when asked (flamegraph.pl's way). */
  /**
   * The name shown: escaped (NameEscaper), since a control character or a byte that is not UTF-8
   * must neither break the XML nor make two names look alike — or verbatim when asked, as the
   * drop-in for flamegraph.pl shows them; flamegraph.pl's annotations stripped when asked.
   */
  private String label(FrameNode n) {
    String name = o.verbatimNames() ? n.name() : NameEscaper.TEXT.escape(n.name());
    int len = name.length();
    if (o.stripAnnotations() && len >= 4 && name.charAt(len - 4) == '_'
        && name.charAt(len - 3) == '[' && name.charAt(len - 1) == ']'
        && "kwij".indexOf(name.charAt(len - 2)) >= 0) {
      return name.substring(0, len - 4);
    }
    return name;
  }

  /** A count as tooltips show it: times --factor, rounded as flamegraph.pl's %.0f. */
  private long scaled(long v) {
    return o.factor() == 1 ? v : Math.round(v * o.factor());
  }

  private String fill(FrameNode n) {
    if (tree.isDifferential()) {
      long delta = n.value() - n.before();
      return FrameColors.delta(o.negate() ? -delta : delta, maxDelta);
    }
    return FrameColors.fill(n, o.palette());
  }

  private void legend() {
    List<Legend.Item> items = legendItems;
    b.append("<g id=\"legend\">\n");
    double x = g.xpad();
    int y = g.detailsY(o) + 2 * o.fontSize() - 4;
    for (Legend.Item item : items) {
      Text.num(b.append("<rect x=\""), x, 2).append("\" y=\"").append(y - o.fontSize() + 2)
          .append("\" width=\"").append(o.fontSize()).append("\" height=\"").append(o.fontSize())
          .append("\" fill=\"").append(item.color()).append("\"/>");
      Text.num(b.append("<text x=\""), x + o.fontSize() + 4, 2).append("\" y=\"").append(y)
          .append("\">");
      Text.xml(b, item.label()).append("</text>\n");
      x += o.fontSize() + 14 + item.label().length() * o.fontSize() * 0.62;
    }
    b.append("</g>\n");
  }

  /** The text of resource {@code name} next to this class; no CDATA end in it. */
  private static String resource(String name) {
    byte[] bytes;
    try {
      bytes = fromOwnJar(name);
    } catch (IOException | RuntimeException | URISyntaxException e) {
      bytes = null; // the class loader's way, below
    }
    try {
      if (bytes == null) {
        try (InputStream in = SvgDocument.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("missing resource " + name);
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.contains("]]>")) {
      throw new IllegalStateException(name + " must not contain ]]> (it is put in CDATA)");
    }
    return s;
  }

  /**
   * Resource {@code name} read from the jar (or classes directory) this class came from, or
   * null when that is not a local file or does not hold it. The class loader would look for it
   * in every jar before that one on the class path: bin/flamegraph's has 27 of them there, and
   * opening them took 20 ms of a half-second render.
   */
  private static byte[] fromOwnJar(String name) throws IOException, URISyntaxException {
    CodeSource source = SvgDocument.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !location.getProtocol().equals("file")) {
      return null;
    }
    Path where = Path.of(location.toURI());
    String entry = SvgDocument.class.getPackageName().replace('.', '/') + "/" + name;
    if (Files.isDirectory(where)) {
      Path file = where.resolve(entry);
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }
    try (ZipFile jar = new ZipFile(where.toFile())) {
      ZipEntry e = jar.getEntry(entry);
      if (e == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(e)) {
        return in.readAllBytes();
      }
    }
  }
}
