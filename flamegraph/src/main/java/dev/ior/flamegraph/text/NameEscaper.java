// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

/**
 * The one reversible escape every output uses for names (file names, comms, frames), so that a
 * name always stays one field on one line, two different names never print alike, and {@link
 * #unescape} gives the exact name back:
 *
 * <ul>
 *   <li>{@code \} becomes {@code \\}
 *   <li>C0 controls and DEL (U+0000..U+001F, U+007F) become {@code \xNN} (lowercase hex)
 *   <li>a byte that was not UTF-8 ({@link NameBytes}: a lone U+DC80..U+DCFF) becomes {@code \xNN}
 *       with the byte's value, 80..ff; {@code \xNN} below 80 is that ASCII character
 *   <li>C1 controls (U+0080..U+009F), the line and paragraph separators U+2028/U+2029, the
 *       noncharacters U+FFFE/U+FFFF (XML cannot hold them) and other lone surrogates become
 *       <code>&#92;uNNNN</code>
 *   <li>on a terminal ({@link #TERMINAL}) also the bidi controls (embeddings, overrides, isolates,
 *       marks), so that a name cannot reorder what is shown around it
 *   <li>for formats that need it ({@link #alsoEscaping(char)}), chosen ASCII characters such as
 *       the folded format's {@code ;} as {@code \xNN}
 * </ul>
 *
 * <p>Everything else, including all other non-ASCII text, is kept. Hot paths that write bytes
 * themselves use {@link #classify(String, int)}, which tells per character what to write, so they
 * escape exactly alike without allocating.
 *
 * <pre>{@code
 * String shown = NameEscaper.TEXT.escape("a\nb\\c" + NameBytes.escapeOf(0xff)); // a\x0ab\\c\xff
 * String name = NameEscaper.unescape(shown);                                     // the original
 * }</pre>
 */
public final class NameEscaper {
  /** For files and pipes. */
  public static final NameEscaper TEXT = new NameEscaper(false, 0, 0);
  /** For terminals: {@link #TEXT} plus bidi controls. */
  public static final NameEscaper TERMINAL = new NameEscaper(true, 0, 0);

  /** {@link #classify} result: write the character as it is. */
  public static final int KEEP = -1;
  /** {@link #classify} result: write {@code \\}. */
  public static final int BACKSLASH = -2;
  /** {@link #classify} results from this up: <code>&#92;uNNNN</code> of the low 16 bits. */
  public static final int UNICODE = 0x10000;

  private final boolean bidi;
  private final long extraLow;  // ASCII 0..63 to escape as \xNN
  private final long extraHigh; // ASCII 64..127

  private NameEscaper(boolean bidi, long extraLow, long extraHigh) {
    this.bidi = bidi;
    this.extraLow = extraLow;
    this.extraHigh = extraHigh;
  }

  /**
   * {@return {@link #TERMINAL} when {@code terminal}, else {@link #TEXT}}
   *
   * @param terminal whether the text is shown on a terminal
   */
  public static NameEscaper of(boolean terminal) {
    return terminal ? TERMINAL : TEXT;
  }

  /**
   * {@return a copy of this escaper that also writes the ASCII character {@code c} as {@code \xNN}}
   *
   * @param c an ASCII character
   * @throws IllegalArgumentException when {@code c} is not ASCII
   */
  public NameEscaper alsoEscaping(char c) {
    if (c >= 0x80) {
      throw new IllegalArgumentException("only ASCII can be escaped as \\xNN: " + (int) c);
    }
    return c < 64 ? new NameEscaper(bidi, extraLow | 1L << c, extraHigh)
        : new NameEscaper(bidi, extraLow, extraHigh | 1L << (c - 64));
  }

  /**
   * {@return what to write for {@code s.charAt(i)}: {@link #KEEP} (write the character; a surrogate
   * pair is kept as a whole), {@link #BACKSLASH}, 0..0xff for {@code \xNN} of that value, or {@link
   * #UNICODE} plus the character for <code>&#92;uNNNN</code>}
   *
   * @param s the text
   * @param i an index into {@code s}
   */
  public int classify(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x80) {
      if (c == '\\') {
        return BACKSLASH;
      }
      boolean extra = c < 64 ? (extraLow & 1L << c) != 0 : (extraHigh & 1L << (c - 64)) != 0;
      return c < 0x20 || c == 0x7f || extra ? c : KEEP;
    }
    if (c <= 0x9f || c == '\u2028' || c == '\u2029' || c >= 0xfffe || bidi && isBidi(c)) {
      return UNICODE | c;
    }
    if (!Character.isSurrogate(c)) {
      return KEEP;
    }
    int b = NameBytes.escapedByte(s, i);
    if (b >= 0) {
      return b;
    }
    boolean paired = Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    return paired ? KEEP : UNICODE | c;
  }

  /**
   * {@return true when {@link #escape} returns {@code s} unchanged}
   *
   * @param s the text
   */
  public boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (classify(s, i) != KEEP) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return {@code s} escaped; {@code s} itself when nothing needs escaping}
   *
   * @param s the text
   */
  public String escape(String s) {
    return isPlain(s) ? s : escape(new StringBuilder(s.length() + 16), s).toString();
  }

  /**
   * {@return {@code s} with only what would break a line or a display escaped: the escapes of
   * {@link #escape} except that backslashes stay single} For text that is not a name itself but may
   * hold one unescaped (a message, a title): not reversible, but safe to print.
   *
   * @param s the text
   */
  public String escapeUnprintable(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      int e = classify(s, i);
      if (e == KEEP || e == BACKSLASH) {
        if (b != null) {
          b.append(s.charAt(i));
        }
      } else {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        append(b, e);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Appends {@code s} escaped to {@code b}.
   *
   * @param b receives the escaped text
   * @param s the text
   * @return {@code b}
   */
  public StringBuilder escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      int e = classify(s, i);
      if (e == KEEP) {
        b.append(s.charAt(i));
      } else {
        append(b, e);
      }
    }
    return b;
  }

  /** Appends the escape text of a {@link #classify} result other than {@link #KEEP}. */
  private static StringBuilder append(StringBuilder b, int escape) {
    if (escape == BACKSLASH) {
      return b.append("\\\\");
    }
    if (escape < UNICODE) {
      return b.append("\\x").append(hex(escape >> 4)).append(hex(escape));
    }
    return b.append("\\u").append(hex(escape >> 12)).append(hex(escape >> 8))
        .append(hex(escape >> 4)).append(hex(escape));
  }

  /** Lowercase hex digit of the low 4 bits of {@code v}. */
  private static char hex(int v) {
    return "0123456789abcdef".charAt(v & 0xF);
  }

  /**
   * Reverses {@link #escape} for any of the escapers: {@code \\}, {@code \xNN} (a byte 80..ff
   * becomes its {@link NameBytes} escape character) and <code>&#92;uNNNN</code>; {@code \n},
   * {@code \r} and {@code \t}, which older folded files hold, are read too. A backslash that
   * starts none of these is kept as it is, so unescaped text from other tools (Windows paths)
   * mostly survives.
   *
   * @param text escaped text
   * @return the text with its escapes reversed
   */
  public static String unescape(String text) {
    int first = text.indexOf('\\');
    if (first < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    b.append(text, 0, first);
    for (int i = first; i < text.length(); ) {
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

  /** Whether {@code c} is a bidi embedding, override, isolate or mark. */
  private static boolean isBidi(char c) {
    return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E
        || c == 0x200F || c == 0x061C;
  }

  /** Appends the character escaped at {@code text[i]} and returns its length, or 0 if none. */
  private static int decode(String text, int i, StringBuilder b) {
    if (i + 1 >= text.length()) {
      return 0;
    }
    switch (text.charAt(i + 1)) {
      case '\\': b.append('\\'); return 2;
      case 'n': b.append('\n'); return 2;
      case 'r': b.append('\r'); return 2;
      case 't': b.append('\t'); return 2;
      case 'x': {
        int v = hexValue(text, i + 2, 2);
        if (v < 0) {
          return 0;
        }
        b.append(v < 0x80 ? (char) v : NameBytes.escapeOf(v));
        return 4;
      }
      case 'u': {
        int v = hexValue(text, i + 2, 4);
        if (v < 0) {
          return 0;
        }
        b.append((char) v);
        return 6;
      }
      default: return 0;
    }
  }

  private static int hexValue(String text, int from, int digits) {
    if (from + digits > text.length()) {
      return -1;
    }
    int v = 0;
    for (int j = from; j < from + digits; j++) {
      char c = text.charAt(j);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
