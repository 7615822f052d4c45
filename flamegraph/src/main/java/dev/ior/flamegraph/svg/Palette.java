// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How frames are coloured, chosen by the caller: a flamegraph.pl colour scheme ({@code --colors
 * hot}, {@code mem}, {@code io}, {@code java}, ...) for every frame, plus optional hue families
 * for frame kinds the producer knows (ior colours syscalls red-orange and paths blue; the library
 * itself knows no kind). Colours are stable: a frame's colour depends only on its name and kind
 * (a hash, where flamegraph.pl draws random numbers by default), so the same frame looks the same
 * in every graph. Frames named {@code -} and {@code --} (stack separators) are grey, as in
 * flamegraph.pl. Immutable.
 *
 * <pre>{@code
 * Palette p = Palette.scheme("hot")
 *     .withKind("syscall", 0, 28)     // hues 0..28 degrees for frames of kind "syscall"
 *     .withKind("path", 190, 30);
 * p.fill("openat", "syscall");        // e.g. "#f1302b"
 * p.fill("main", "");                 // a "hot" colour, as flamegraph.pl's
 * }</pre>
 */
public final class Palette {
  /** The schemes of flamegraph.pl's {@code --colors}, in its order. */
  public static final List<String> SCHEMES = List.of("hot", "mem", "io", "wakeup", "chain",
      "java", "js", "perl", "red", "green", "blue", "aqua", "yellow", "purple", "orange");

  private static final Palette HOT = new Palette("hot", Map.of());

  private final String scheme;
  private final Map<String, int[]> kinds;
  private final boolean random;
  private final Map<String, String> fixed;

  private Palette(String scheme, Map<String, int[]> kinds) {
    this(scheme, kinds, false, Map.of());
  }

  private Palette(String scheme, Map<String, int[]> kinds, boolean random,
      Map<String, String> fixed) {
    this.scheme = scheme;
    this.kinds = kinds;
    this.random = random;
    this.fixed = fixed;
  }

  /**
   * {@return a copy that varies each frame's colour at random within its family instead of by a
   * hash of its name ({@code --random}): two renderings differ, as with flamegraph.pl}
   */
  public Palette withRandom() {
    return new Palette(scheme, kinds, true, fixed);
  }

  /**
   * {@return a copy that gives the frames named in {@code colors} their colour from there
   * (flamegraph.pl's consistent palette, {@code --cp} and {@code palette.map}); other frames as
   * before}
   *
   * @param colors frame name to {@code #rrggbb}
   */
  public Palette withFixed(Map<String, String> colors) {
    return new Palette(scheme, kinds, random, Map.copyOf(colors));
  }

  /** {@return flamegraph.pl's default: warm colours (red to yellow) for every frame} */
  public static Palette hot() {
    return HOT;
  }

  /**
   * {@return the flamegraph.pl colour scheme {@code name}, one of {@link #SCHEMES}: {@code java},
   * {@code js}, {@code perl} and {@code chain} pick a colour family per frame from its name and
   * annotations ({@code _[k]} kernel, {@code _[j]} JIT, {@code _[i]} inlined, {@code _[w]} waker),
   * the others colour every frame from one family}
   *
   * @param name a scheme's name, e.g. {@code hot} or {@code java}
   * @throws IllegalArgumentException listing the schemes when {@code name} is none of them
   */
  public static Palette scheme(String name) {
    if (!SCHEMES.contains(name)) {
      throw new IllegalArgumentException("unknown palette '" + name + "': choose one of "
          + String.join(", ", SCHEMES));
    }
    return new Palette(name, Map.of());
  }

  /**
   * {@return a copy that colours frames of {@code kind} from the hue range {@code [hueStart,
   * hueStart + hueRange]} (degrees of the colour wheel; 0 red, 120 green, 240 blue), varied by a
   * hash of the name; such kinds get a legend entry}
   *
   * @param kind a frame kind, e.g. {@code syscall}
   * @param hueStart the range's first hue, degrees
   * @param hueRange the range's width, 0..360 degrees
   */
  public Palette withKind(String kind, int hueStart, int hueRange) {
    if (hueRange < 0 || hueRange > 360) {
      throw new IllegalArgumentException("hue range must be 0..360 degrees: " + hueRange);
    }
    Map<String, int[]> copy = new LinkedHashMap<>(kinds);
    copy.put(kind, new int[] {Math.floorMod(hueStart, 360), hueRange});
    return new Palette(scheme, Collections.unmodifiableMap(copy), random, fixed);
  }

  /** {@return the kinds with a hue range of their own, in the order they were added} */
  public Set<String> kinds() {
    return kinds.keySet();
  }

  /**
   * {@return the fill of a frame as {@code #rrggbb}}
   *
   * @param name the frame's name
   * @param kind the frame's kind, empty when none
   */
  public String fill(String name, String kind) {
    if (name.equals("--")) {
      return "#a0a0a0";
    }
    if (name.equals("-")) {
      return "#c8c8c8";
    }
    String given = fixed.get(name);
    if (given != null) {
      return given;
    }
    int h = random ? java.util.concurrent.ThreadLocalRandom.current().nextInt() : hash(name);
    double v1 = (h & 0xffff) / 65535.0;
    double v2 = ((h >>> 16) & 0xff) / 255.0;
    double v3 = (h >>> 24) / 255.0;
    int[] range = kinds.get(kind);
    return range != null ? hsl(range, v1, v2) : schemeColor(family(scheme, name), v1, v2, v3);
  }

  /**
   * {@return the legend swatch of {@code kind}: the middle of its range, or of the scheme}
   *
   * @param kind a frame kind
   */
  public String swatch(String kind) {
    int[] range = kinds.get(kind);
    return range != null ? hsl(range, 0.5, 0.5) : schemeColor(family(scheme, ""), 0.5, 0.5, 0.5);
  }

  /** For the multi-family schemes, the family a frame's name belongs to (as flamegraph.pl). */
  private static String family(String scheme, String name) {
    switch (scheme) {
      case "java":
        if (name.endsWith("_[j]")) {
          return "green";
        }
        if (name.endsWith("_[i]")) {
          return "aqua";
        }
        if (name.matches("^L?(java|javax|jdk|net|org|com|io|sun)/.*") || name.contains(":::")) {
          return "green";
        }
        if (name.contains("::")) {
          return "yellow";
        }
        return name.endsWith("_[k]") ? "orange" : "red";
      case "js":
        if (name.endsWith("_[j]")) {
          return name.contains("/") ? "green" : "aqua";
        }
        if (name.contains("::")) {
          return "yellow";
        }
        if (name.matches(".*/.*\\.js.*") || name.equals(" ")) {
          return "green";
        }
        if (name.contains(":")) {
          return "aqua";
        }
        return name.contains("_[k]") ? "orange" : "red";
      case "perl":
        if (name.contains("::")) {
          return "yellow";
        }
        if (name.contains("Perl") || name.contains(".pl")) {
          return "green";
        }
        return name.endsWith("_[k]") ? "orange" : "red";
      case "wakeup":
        return "aqua";
      case "chain":
        return name.contains("_[w]") ? "aqua" : "blue";
      default:
        return scheme;
    }
  }

  /** flamegraph.pl's colour families, each spanned by up to three values in [0, 1]. */
  private static String schemeColor(String family, double v1, double v2, double v3) {
    switch (family) {
      case "hot":
        return hex(205 + (int) (50 * v3), (int) (230 * v1), (int) (55 * v2));
      case "mem":
        return hex(0, 190 + (int) (50 * v2), (int) (210 * v1));
      case "io":
        return hex(80 + (int) (60 * v1), 80 + (int) (60 * v1), 190 + (int) (55 * v2));
      case "red":
        return hex(200 + (int) (55 * v1), 50 + (int) (80 * v1), 50 + (int) (80 * v1));
      case "green":
        return hex(50 + (int) (60 * v1), 200 + (int) (55 * v1), 50 + (int) (60 * v1));
      case "blue":
        return hex(80 + (int) (60 * v1), 80 + (int) (60 * v1), 205 + (int) (50 * v1));
      case "yellow":
        return hex(175 + (int) (55 * v1), 175 + (int) (55 * v1), 50 + (int) (20 * v1));
      case "purple":
        return hex(190 + (int) (65 * v1), 80 + (int) (60 * v1), 190 + (int) (65 * v1));
      case "aqua":
        return hex(50 + (int) (60 * v1), 165 + (int) (55 * v1), 165 + (int) (55 * v1));
      default: // orange
        return hex(190 + (int) (65 * v1), 90 + (int) (65 * v1), 0);
    }
  }

  private static String hsl(int[] range, double t1, double t2) {
    double hue = range[0] + range[1] * t1;
    double sat = 0.70 + 0.2 * t2;
    double light = 0.55 + 0.12 * t1;
    double c = (1 - Math.abs(2 * light - 1)) * sat;
    double hp = (hue % 360) / 60.0;
    double x = c * (1 - Math.abs(hp % 2 - 1));
    double r = 0;
    double g = 0;
    double b = 0;
    if (hp < 1) { r = c; g = x; } else if (hp < 2) { r = x; g = c; }
    else if (hp < 3) { g = c; b = x; } else if (hp < 4) { g = x; b = c; }
    else if (hp < 5) { r = x; b = c; } else { r = c; b = x; }
    double m = light - c / 2;
    return hex(to255(r + m), to255(g + m), to255(b + m));
  }

  private static int to255(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  /** {@code #rrggbb}. */
  static String hex(int r, int g, int b) {
    String digits = "0123456789abcdef";
    char[] out = {'#', digits.charAt(r >> 4), digits.charAt(r & 15), digits.charAt(g >> 4),
        digits.charAt(g & 15), digits.charAt(b >> 4), digits.charAt(b & 15)};
    return new String(out);
  }

  /** FNV-1a over the UTF-16 units: specified here, so colours never depend on the JVM. */
  static int hash(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return h;
  }
}
