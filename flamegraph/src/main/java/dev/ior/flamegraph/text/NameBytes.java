// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

import java.nio.charset.StandardCharsets;

/**
 * Names as bytes: a Linux file name or comm is a byte string (any byte but NUL) that is usually,
 * not always, UTF-8. This class turns such bytes into a Java String and back without losing
 * anything, the way Python's "surrogateescape" error handler does (PEP 383): every valid UTF-8
 * sequence becomes its characters, and every other byte (always 0x80..0xff, since ASCII is
 * valid) becomes the lone low surrogate U+DC80..U+DCFF ({@code U+DC00 + byte}). Two byte strings
 * that differ only in invalid UTF-8 therefore give two different Strings, and {@link
 * #encode(String)} gives the exact bytes back.
 *
 * <p>Such a String must not be written with a plain UTF-8 encoder (it turns lone surrogates into
 * {@code ?}): outputs escape it with {@link NameEscaper}, binary formats store {@link #encode}.
 *
 * <pre>{@code
 * String name = NameBytes.decode(new byte[] {'a', (byte) 0xff}, 0, 2); // "a\udcff"
 * NameEscaper.TEXT.escape(name);                                     // "a\xff"
 * NameBytes.encode(name);                                             // {'a', 0xff}
 * }</pre>
 */
public final class NameBytes {
  private NameBytes() {}

  /**
   * The name held by {@code b[off, off + len)}: valid UTF-8 (RFC 3629: no overlong forms, no
   * encoded surrogates, nothing above U+10FFFF) as its characters, every other byte as U+DC00 plus
   * the byte.
   *
   * @throws IndexOutOfBoundsException when the range is outside {@code b}
   */
  public static String decode(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int n = sequenceLength(b, i, end);
      if (n == 0) {
        break;
      }
      i += n;
    }
    if (i == end) {
      return new String(b, off, len, StandardCharsets.UTF_8); // valid: the JDK's fast decoder
    }
    char[] out = new char[len];
    int n = 0;
    for (i = off; i < end; ) {
      int k = sequenceLength(b, i, end);
      if (k == 0) {
        out[n++] = (char) (0xDC00 | b[i] & 0xFF);
        i++;
      } else {
        int cp = codePoint(b, i, k);
        n += Character.toChars(cp, out, n);
        i += k;
      }
    }
    return new String(out, 0, n);
  }

  /** {@link #decode(byte[], int, int)} of the whole array. */
  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /**
   * The bytes of {@code name}: the inverse of {@link #decode}. Characters are encoded as UTF-8,
   * an escaped byte (a lone U+DC80..U+DCFF) as that byte. Other lone surrogates, which {@link
   * #decode} never produces, are written as U+FFFD.
   */
  public static byte[] encode(String name) {
    if (isPlainUtf8(name)) {
      return name.getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[name.length() * 3];
    int n = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (escapedByte(name, i) >= 0) {
        out[n++] = (byte) (c & 0xFF);
      } else if (Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, name.charAt(++i));
        out[n++] = (byte) (0xF0 | cp >> 18);
        out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | cp & 0x3F);
      } else {
        n = utf8(Character.isSurrogate(c) ? '\uFFFD' : c, out, n);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The byte that {@code s.charAt(i)} stands for (0x80..0xff) when it is an escaped byte, that is
   * a low surrogate U+DC80..U+DCFF not preceded by a high surrogate; otherwise -1.
   */
  public static int escapedByte(String s, int i) {
    char c = s.charAt(i);
    if (c < 0xDC80 || c > 0xDCFF || i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
      return -1;
    }
    return c & 0xFF;
  }

  /** The character that carries byte {@code b} (0x80..0xff) in a name: U+DC00 + b. */
  public static char escapeOf(int b) {
    if (b < 0x80 || b > 0xFF) {
      throw new IllegalArgumentException("only bytes 0x80..0xff are escaped: " + b);
    }
    return (char) (0xDC00 | b);
  }

  /** True when {@code s} has no surrogate at all, so the JDK's encoder gives its exact bytes. */
  private static boolean isPlainUtf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int utf8(char c, byte[] out, int n) {
    if (c < 0x80) {
      out[n++] = (byte) c;
    } else if (c < 0x800) {
      out[n++] = (byte) (0xC0 | c >> 6);
      out[n++] = (byte) (0x80 | c & 0x3F);
    } else {
      out[n++] = (byte) (0xE0 | c >> 12);
      out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
      out[n++] = (byte) (0x80 | c & 0x3F);
    }
    return n;
  }

  /** Length (1..4) of the valid UTF-8 sequence starting at {@code b[i]}, or 0 when none does. */
  static int sequenceLength(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    if (lead < 0x80) {
      return 1;
    }
    int n;
    int lo = 0x80;
    int hi = 0xBF; // allowed range of the second byte (RFC 3629's table)
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 3;
      lo = lead == 0xE0 ? 0xA0 : 0x80;
      hi = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 4;
      lo = lead == 0xF0 ? 0x90 : 0x80;
      hi = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    int second = b[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return n;
  }

  private static int codePoint(byte[] b, int i, int n) {
    int lead = b[i] & 0xFF;
    if (n == 1) {
      return lead;
    }
    int cp = lead & (0x7F >> n);
    for (int k = 1; k < n; k++) {
      cp = cp << 6 | b[i + k] & 0x3F;
    }
    return cp;
  }
}
