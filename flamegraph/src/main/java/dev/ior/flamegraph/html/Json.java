// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

import java.util.List;

/**
 * JSON string escaping that is also safe inside an HTML {@code <script>} element: {@code <} is
 * written as {@code \u003c} so no name can close the script, and line separators and lone
 * surrogates are escaped so every string survives any parser.
 */
final class Json {
  private Json() {}

  static StringBuilder string(StringBuilder b, String s) {
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

  static StringBuilder strings(StringBuilder b, List<String> list) {
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
