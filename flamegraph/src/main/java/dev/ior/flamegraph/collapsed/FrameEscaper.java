// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

/**
 * Escapes frame names so that a folded line always stays one line with the right number of
 * frames, and reverses it. Real file names contain line breaks, semicolons and control
 * characters; written raw they split a line or a frame and other tools miscount them.
 *
 * <p>Escapes (everything else, including non-ASCII text, is written as is):
 *
 * <ul>
 *   <li>{@code \} becomes {@code \\} (so that escapes are reversible)
 *   <li>{@code ;} becomes {@code \x3b} (it separates frames)
 *   <li>line feed, carriage return and tab become {@code \n}, {@code \r}, {@code \t}
 *   <li>other C0 controls, DEL and C1 controls (U+0080..U+009F) become {@code \xHH}
 *   <li>U+2028 and U+2029 (line and paragraph separators) become {@code \u2028}, {@code \u2029}
 * </ul>
 *
 * <pre>{@code
 * FrameEscaper.escape("a;b\nc");          // "a\x3bb\nc" (backslash, n)
 * FrameEscaper.unescape("a\\x3bb\\nc");   // "a;b" + line feed + "c"
 * }</pre>
 */
public final class FrameEscaper {
  private FrameEscaper() {}

  /** True when {@code name} is written unchanged by {@link #escape}. */
  public static boolean isPlain(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (needsEscape(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The escaped form of {@code name}; returns {@code name} itself when nothing needs escaping. */
  public static String escape(String name) {
    if (isPlain(name)) {
      return name;
    }
    StringBuilder b = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      appendEscaped(b, name.charAt(i));
    }
    return b.toString();
  }

  /**
   * Reverses {@link #escape}. A backslash not followed by a known escape is kept literally, so
   * that folded files from tools that do not escape (Windows paths) mostly survive.
   */
  public static String unescape(String text) {
    int first = text.indexOf('\\');
    if (first < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    b.append(text, 0, first);
    int i = first;
    while (i < text.length()) {
      char c = text.charAt(i);
      int used = c == '\\' ? decode(text, i, b) : 0;
      if (used == 0) {
        b.append(c);
        used = 1;
      }
      i += used;
    }
    return b.toString();
  }

  static boolean needsEscape(char c) {
    return c < 0x20 || c == ';' || c == '\\' || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028' || c == '\u2029';
  }

  private static void appendEscaped(StringBuilder b, char c) {
    if (!needsEscape(c)) {
      b.append(c);
    } else if (c == '\\') {
      b.append("\\\\");
    } else if (c == '\n') {
      b.append("\\n");
    } else if (c == '\r') {
      b.append("\\r");
    } else if (c == '\t') {
      b.append("\\t");
    } else if (c <= 0xff) {
      b.append("\\x").append(hex(c >> 4)).append(hex(c & 0xf));
    } else {
      b.append("\\u").append(Integer.toHexString(c));
    }
  }

  /** Appends the character escaped at {@code text[i]} and returns its length, or 0 if none. */
  private static int decode(String text, int i, StringBuilder b) {
    if (i + 1 >= text.length()) {
      return 0;
    }
    char k = text.charAt(i + 1);
    switch (k) {
      case '\\': b.append('\\'); return 2;
      case 'n': b.append('\n'); return 2;
      case 'r': b.append('\r'); return 2;
      case 't': b.append('\t'); return 2;
      case 'x': return hexEscape(text, i, 2, b);
      case 'u': return hexEscape(text, i, 4, b);
      default: return 0;
    }
  }

  private static int hexEscape(String text, int i, int digits, StringBuilder b) {
    int end = i + 2 + digits;
    if (end > text.length()) {
      return 0;
    }
    int value = 0;
    for (int j = i + 2; j < end; j++) {
      int d = Character.digit(text.charAt(j), 16);
      if (d < 0) {
        return 0;
      }
      value = value * 16 + d;
    }
    b.append((char) value);
    return 2 + digits;
  }

  private static char hex(int nibble) {
    return "0123456789abcdef".charAt(nibble);
  }
}
