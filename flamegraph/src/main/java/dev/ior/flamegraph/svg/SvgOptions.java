// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the SVG and HTML renderers need to know, as one immutable value; renderers never
 * read command-line flags. Each setting has flamegraph.pl's meaning where that tool has it.
 *
 * <pre>{@code
 * SvgOptions o = SvgOptions.defaults()
 *     .withTitle("I/O by path")
 *     .withSubtitle("host earth, 60 s")
 *     .withCountName("calls")
 *     .withPalette(Palette.hot().withKind("syscall", 0, 28))
 *     .withInverted(true);
 * }</pre>
 */
public final class SvgOptions {
  private static final SvgOptions DEFAULTS = new SvgOptions();

  private String title = "Flame Graph";
  private String subtitle = "";
  private String countName = "samples";
  private String nameType = "";
  private int width = 1200;
  private int frameHeight = 16;
  private int fontSize = 12;
  private String fontType = "Verdana, \"DejaVu Sans\", sans-serif";
  private double minWidth = 0.1;
  private boolean inverted;
  private Palette palette = Palette.hot();
  private boolean legend = true;
  private boolean negate;
  private String notes = "";
  private boolean stripAnnotations;
  private boolean verbatimNames;
  private String background1;
  private String background2;
  private String encoding;
  private double fontWidth = 0.59;
  private double factor = 1;
  private Map<String, Map<String, String>> nameAttributes = Map.of();

  private SvgOptions() {}

  private SvgOptions copy() {
    SvgOptions c = new SvgOptions();
    c.title = title;
    c.subtitle = subtitle;
    c.countName = countName;
    c.nameType = nameType;
    c.width = width;
    c.frameHeight = frameHeight;
    c.fontSize = fontSize;
    c.fontType = fontType;
    c.minWidth = minWidth;
    c.inverted = inverted;
    c.palette = palette;
    c.legend = legend;
    c.negate = negate;
    c.notes = notes;
    c.stripAnnotations = stripAnnotations;
    c.verbatimNames = verbatimNames;
    c.background1 = background1;
    c.background2 = background2;
    c.encoding = encoding;
    c.fontWidth = fontWidth;
    c.factor = factor;
    c.nameAttributes = nameAttributes;
    return c;
  }

  /**
   * {@return the defaults: "Flame Graph", 1200 px wide, 16 px rows, 12 px Verdana, 0.1 px minimum
   * width, count name "samples", flamegraph.pl's "hot" palette, a legend where the palette colours
   * kinds}
   */
  public static SvgOptions defaults() {
    return DEFAULTS;
  }

  /** {@return heading at the top} */
  public String title() {
    return title;
  }

  /** {@return second heading line, empty for none} */
  public String subtitle() {
    return subtitle;
  }

  /** {@return what one unit of value is called in tooltips, e.g. {@code samples}, {@code ns}} */
  public String countName() {
    return countName;
  }

  /**
   * {@return label before the frame under the mouse in the line under the graph, e.g. "Function:"}
   */
  public String nameType() {
    return nameType;
  }

  /** {@return image width in px, at least 100} */
  public int width() {
    return width;
  }

  /** {@return height of one frame row in px, at least 4} */
  public int frameHeight() {
    return frameHeight;
  }

  /** {@return label font size in px, at least 4} */
  public int fontSize() {
    return fontSize;
  }

  /** {@return CSS font family of all text} */
  public String fontType() {
    return fontType;
  }

  /**
   * {@return frames narrower than this many px are merged (see {@link
   * dev.ior.flamegraph.tree.FrameTree#mergeNarrow}); at least 0}
   */
  public double minWidth() {
    return minWidth;
  }

  /** {@return whether to draw an icicle graph: root at the top, stacks growing down} */
  public boolean inverted() {
    return inverted;
  }

  /** {@return how frames are coloured (differential graphs are red/blue whatever the palette)} */
  public Palette palette() {
    return palette;
  }

  /** {@return whether to draw a legend of the palette's kinds (or of the diff colours)} */
  public boolean legend() {
    return legend;
  }

  /**
   * {@return in a differential graph, whether red and blue are swapped (flamegraph.pl's {@code
   * --negate}): for graphs drawn in the shape of the earlier profile, so that red still means grew}
   */
  public boolean negate() {
    return negate;
  }

  /** {@return text kept in an XML comment at the top of the SVG, empty for none} */
  public String notes() {
    return notes;
  }

  /**
   * {@return whether a trailing {@code _[k]}, {@code _[w]}, {@code _[i]} or {@code _[j]} annotation
   * (perf's kernel, waker, inlined and JIT marks) is left out of labels and tooltips, as
   * flamegraph.pl does; the palette still sees it}
   */
  public boolean stripAnnotations() {
    return stripAnnotations;
  }

  /**
   * {@return whether frame names are shown as they are (only made XML-safe), as flamegraph.pl shows
   * them, instead of with the reversible name escape ({@code \\}, {@code \xNN}) ior's own outputs
   * use}
   */
  public boolean verbatimNames() {
    return verbatimNames;
  }

  /**
   * {@return a copy that shows names verbatim or escaped}
   *
   * @param v whether to show names verbatim
   */
  public SvgOptions withVerbatimNames(boolean v) {
    SvgOptions c = copy();
    c.verbatimNames = v;
    return c;
  }

  /**
   * {@return a copy with another title}
   *
   * @param t the heading
   */
  public SvgOptions withTitle(String t) {
    SvgOptions c = copy();
    c.title = Objects.requireNonNull(t, "title");
    return c;
  }

  /**
   * {@return a copy with another subtitle}
   *
   * @param s the second heading line, empty for none
   */
  public SvgOptions withSubtitle(String s) {
    SvgOptions c = copy();
    c.subtitle = Objects.requireNonNull(s, "subtitle");
    return c;
  }

  /**
   * {@return a copy with another count name}
   *
   * @param n what one unit is called, e.g. {@code samples}
   */
  public SvgOptions withCountName(String n) {
    SvgOptions c = copy();
    c.countName = Objects.requireNonNull(n, "countName");
    return c;
  }

  /**
   * {@return a copy with another name type label}
   *
   * @param n the label, e.g. {@code Function:}
   */
  public SvgOptions withNameType(String n) {
    SvgOptions c = copy();
    c.nameType = Objects.requireNonNull(n, "nameType");
    return c;
  }

  /**
   * {@return a copy with another width in px}
   *
   * @param w the width, px, >= 100
   * @throws IllegalArgumentException when below 100
   */
  public SvgOptions withWidth(int w) {
    if (w < 100) {
      throw new IllegalArgumentException("width must be at least 100 px: " + w);
    }
    SvgOptions c = copy();
    c.width = w;
    return c;
  }

  /**
   * {@return a copy with another frame height in px}
   *
   * @param h the height, px, >= 4
   * @throws IllegalArgumentException when below 4
   */
  public SvgOptions withFrameHeight(int h) {
    if (h < 4) {
      throw new IllegalArgumentException("frame height must be at least 4 px: " + h);
    }
    SvgOptions c = copy();
    c.frameHeight = h;
    return c;
  }

  /**
   * {@return a copy with another font size in px}
   *
   * @param s the size, px, >= 4
   * @throws IllegalArgumentException when below 4
   */
  public SvgOptions withFontSize(int s) {
    if (s < 4) {
      throw new IllegalArgumentException("font size must be at least 4 px: " + s);
    }
    SvgOptions c = copy();
    c.fontSize = s;
    return c;
  }

  /**
   * {@return a copy with another font family (a CSS font-family list)}
   *
   * @param f a CSS font-family list, e.g. {@code Verdana, sans-serif}
   * @throws IllegalArgumentException when it holds characters that could end the style rule
   */
  public SvgOptions withFontType(String f) {
    if (!f.matches("[\\p{L}\\p{N} ,\"'_.-]+")) {
      throw new IllegalArgumentException("font type may hold letters, digits, spaces, quotes,"
          + " commas, dots, dashes and underscores: " + f);
    }
    SvgOptions c = copy();
    c.fontType = f;
    return c;
  }

  /**
   * {@return a copy with another minimum frame width in px}
   *
   * @param m the width, px, >= 0
   * @throws IllegalArgumentException when negative or not a number
   */
  public SvgOptions withMinWidth(double m) {
    if (!(m >= 0)) {
      throw new IllegalArgumentException("minimum width must be >= 0 px: " + m);
    }
    SvgOptions c = copy();
    c.minWidth = m;
    return c;
  }

  /**
   * {@return a copy drawn as an icicle graph or not}
   *
   * @param i whether to draw an icicle graph
   */
  public SvgOptions withInverted(boolean i) {
    SvgOptions c = copy();
    c.inverted = i;
    return c;
  }

  /**
   * {@return a copy with another palette}
   *
   * @param p the palette
   */
  public SvgOptions withPalette(Palette p) {
    SvgOptions c = copy();
    c.palette = Objects.requireNonNull(p, "palette");
    return c;
  }

  /**
   * {@return a copy with or without legend}
   *
   * @param l whether to draw a legend
   */
  public SvgOptions withLegend(boolean l) {
    SvgOptions c = copy();
    c.legend = l;
    return c;
  }

  /**
   * {@return a copy with differential colours swapped or not}
   *
   * @param n whether red and blue are swapped
   */
  public SvgOptions withNegate(boolean n) {
    SvgOptions c = copy();
    c.negate = n;
    return c;
  }

  /**
   * {@return a copy with other notes}
   *
   * @param n the comment's text, empty for none
   */
  public SvgOptions withNotes(String n) {
    SvgOptions c = copy();
    c.notes = Objects.requireNonNull(n, "notes");
    return c;
  }

  /**
   * {@return a copy with flamegraph.pl's background ({@code --bgcolors}): {@code yellow}, {@code
   * blue}, {@code green} or {@code grey} (a vertical gradient), or a flat {@code #rrggbb}; null
   * keeps this renderer's own flat background}
   *
   * @param name a background name or {@code #rrggbb}, or null
   * @throws IllegalArgumentException naming the choices for any other value
   */
  public SvgOptions withBackground(String name) {
    SvgOptions c = copy();
    if (name == null) {
      c.background1 = c.background2 = null;
      return c;
    }
    switch (name) {
      case "yellow": c.background1 = "#eeeeee"; c.background2 = "#eeeeb0"; break;
      case "blue": c.background1 = "#eeeeee"; c.background2 = "#e0e0ff"; break;
      case "green": c.background1 = "#eef2ee"; c.background2 = "#e0ffe0"; break;
      case "grey": c.background1 = "#f8f8f8"; c.background2 = "#e8e8e8"; break;
      default:
        if (!name.matches("#[0-9a-fA-F]{6}")) {
          throw new IllegalArgumentException("unknown background '" + name + "': choose yellow,"
              + " blue, green, grey or a colour as #rrggbb");
        }
        c.background1 = c.background2 = name;
    }
    return c;
  }

  /** {@return the background's top and bottom colours, or null for the renderer's own} */
  public String[] background() {
    return background1 == null ? null : new String[] {background1, background2};
  }

  /**
   * {@return a copy whose XML declaration names {@code encoding} ({@code --encoding}; null: none)}
   * The bytes stay UTF-8: as in flamegraph.pl, this only declares what the input names were.
   *
   * @param encoding an encoding name such as {@code UTF-8}, or null
   * @throws IllegalArgumentException for a name that is not an encoding name
   */
  public SvgOptions withEncoding(String encoding) {
    if (encoding != null && !encoding.matches("[A-Za-z][A-Za-z0-9._-]{0,39}")) {
      throw new IllegalArgumentException("--encoding expects an encoding name such as UTF-8 or"
          + " ISO-8859-1");
    }
    SvgOptions c = copy();
    c.encoding = encoding;
    return c;
  }

  /** {@return the declared encoding, or null} */
  public String encoding() {
    return encoding;
  }

  /**
   * {@return a copy whose labels assume characters {@code w} times the font size wide on average
   * ({@code --fontwidth}, default 0.59): smaller fits more of a name into a frame}
   *
   * @param w the average character width as a share of the font size, 0.05 .. 5
   * @throws IllegalArgumentException unless 0.05 &lt;= w &lt;= 5
   */
  public SvgOptions withFontWidth(double w) {
    if (!(w >= 0.05 && w <= 5)) {
      throw new IllegalArgumentException("--fontwidth must be from 0.05 to 5 (a share of the"
          + " font size), not " + w);
    }
    SvgOptions c = copy();
    c.fontWidth = w;
    return c;
  }

  /** {@return average character width as a share of the font size} */
  public double fontWidth() {
    return fontWidth;
  }

  /**
   * {@return a copy whose tooltips show counts multiplied by {@code f} ({@code --factor}: e.g.
   * samples at 99 Hz to ms with 10.1); shares and the drawing are unchanged}
   *
   * @param f the factor, finite and above 0
   * @throws IllegalArgumentException unless f is finite and above 0
   */
  public SvgOptions withFactor(double f) {
    if (!(f > 0) || Double.isInfinite(f)) {
      throw new IllegalArgumentException("--factor must be a number above 0, not " + f);
    }
    SvgOptions c = copy();
    c.factor = f;
    return c;
  }

  /** {@return what tooltips multiply counts by} */
  public double factor() {
    return factor;
  }

  /**
   * {@return a copy with attributes per frame name ({@code --nameattr}): {@code title} replaces the
   * name in the tooltip (the counts follow it), {@code id}, {@code class} and {@code g_extra} (raw)
   * go on the frame's group, {@code href} (with {@code target}, default {@code _top}, and {@code
   * a_extra}) makes the frame a link}
   *
   * @param attributes frame name to its attributes (name to value)
   */
  public SvgOptions withNameAttributes(Map<String, Map<String, String>> attributes) {
    SvgOptions c = copy();
    c.nameAttributes = Map.copyOf(attributes);
    return c;
  }

  /**
   * {@return the attributes of frames named {@code name}, empty when none}
   *
   * @param name a frame's name
   */
  public Map<String, String> nameAttributes(String name) {
    return nameAttributes.getOrDefault(name, Map.of());
  }

  /**
   * {@return a copy that strips perf's annotations from labels or not}
   *
   * @param s whether to strip the annotations
   */
  public SvgOptions withStripAnnotations(boolean s) {
    SvgOptions c = copy();
    c.stripAnnotations = s;
    return c;
  }
}
