// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import dev.ior.flamegraph.text.NameEscaper;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Locale-free number formatting and XML escaping for the SVG and HTML writers: hand-written
 * because the output must not depend on the default locale and is written for thousands of
 * frames.
 *
 * <pre>{@code
 * String safe = Text.xml("a<b & \"c\"\n"); // a&lt;b &amp; &quot;c&quot;\x0a
 * }</pre>
 */
public final class Text {
  private Text() {}

  /** Appends {@code v} with at most {@code decimals} decimals, trailing zeros dropped. */
  static StringBuilder num(StringBuilder b, double v, int decimals) {
    long scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 1;
    long units = Math.round(v * scale);
    if (units < 0) {
      b.append('-');
      units = -units;
    }
    b.append(units / scale);
    long frac = units % scale;
    if (frac != 0) {
      b.append('.');
      if (decimals == 2) {
        b.append(frac / 10);
        if (frac % 10 != 0) {
          b.append(frac % 10);
        }
      } else {
        b.append(frac);
      }
    }
    return b;
  }

  /** Appends {@code v} with comma thousands separators (as flamegraph.pl's tooltips). */
  static StringBuilder grouped(StringBuilder b, long v) {
    String digits = Long.toString(Math.abs(v));
    if (v < 0) {
      b.append('-');
    }
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    b.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      b.append(',').append(digits, i, i + 3);
    }
    return b;
  }

  /**
   * Appends {@code part/whole} as a percentage with two decimals, e.g. {@code 12.34%}, rounded
   * as C's printf("%.2f") rounds the same double (exact value, ties to even), so that tooltips
   * read as flamegraph.pl's do.
   */
  static StringBuilder percent(StringBuilder b, long part, long whole) {
    double pct = whole == 0 ? 0 : 100.0 * part / whole;
    double hundredths = pct * 100;
    // The product is off the exact value by at most 1e-7 below 1e9: away from a tie (x.5) it
    // rounds to the same integer as the exact value would. Near a tie, or past that range, the
    // exact decimal expansion decides (BigDecimal: a hundred times slower, and cold code in a
    // short run, so kept for the few values that need it).
    if (Math.abs(hundredths) >= 1e9
        || Math.abs(hundredths - Math.floor(hundredths) - 0.5) < 1e-6) {
      return b.append(new BigDecimal(pct).setScale(2, RoundingMode.HALF_EVEN).toPlainString())
          .append('%');
    }
    long units = Math.round(hundredths);
    if (units < 0) {
      b.append('-');
      units = -units;
    }
    long frac = units % 100;
    return b.append(units / 100).append(frac < 10 ? ".0" : ".").append(frac).append('%');
  }

  /**
   * {@return {@code s} escaped as {@link #xml(StringBuilder, String)} does}
   *
   * @param s any text
   */
  public static String xml(String s) {
    return xml(new StringBuilder(s.length() + 16), s).toString();
  }

  /**
   * Appends {@code s} escaped for XML text and attributes. Characters XML 1.0 cannot hold
   * (controls, lone surrogates, U+FFFE/U+FFFF) are shown as {@link NameEscaper} shows them, such
   * as {@code \x0a}; names are escaped by {@link NameEscaper} before they get here.
   *
   * @param b receives the escaped text
   * @param s any text
   * @return {@code b}
   */
  public static StringBuilder xml(StringBuilder b, String s) {
    String t = NameEscaper.TEXT.escapeUnprintable(s);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        default: b.append(c);
      }
    }
    return b;
  }

  /** The label that fits {@code widthPx}: the name, cut with ".." or empty when too narrow. */
  static String fit(String name, double widthPx, int fontSize, double fontWidth) {
    int max = (int) ((widthPx - 6) / (fontSize * fontWidth));
    if (max < 3) {
      return "";
    }
    if (name.length() <= max) {
      return name;
    }
    int cut = max - 2;
    if (Character.isHighSurrogate(name.charAt(cut - 1))) {
      cut--; // never split a surrogate pair: a lone half cannot be encoded
    }
    return name.substring(0, cut) + "..";
  }
}
