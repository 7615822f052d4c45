// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import java.util.List;

/**
 * JSON string escaping (RFC 8259) that is also safe inside an HTML {@code <script>} element:
 * {@code <}, {@code >} and {@code &} are written as {@code \u003c} etc. so no name can close
 * the script, and line separators and lone surrogates are escaped so every string survives any
 * parser. Used by the HTML flame graph and ior's timeline writers.
 *
 * <pre>{@code
 * Json.string(new StringBuilder(), "a\"b</script>"); // "a\"b\u003c/script\u003e"
 * }</pre>
 */
public final class Json {
  private Json() {}

  /**
   * Appends {@code s} as a quoted JSON string.
   *
   * @param b receives the JSON
   * @param s any text
   * @return {@code b}
   */
  public static StringBuilder string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
          || lone(s, i)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"');
  }

  /**
   * Appends {@code list} as a JSON array of strings.
   *
   * @param b receives the JSON
   * @param list the strings
   * @return {@code b}
   */
  public static StringBuilder strings(StringBuilder b, List<String> list) {
    b.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      string(b, list.get(i));
    }
    return b.append(']');
  }

  /** True for a surrogate at {@code i} that is not half of a valid pair. */
  private static boolean lone(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
