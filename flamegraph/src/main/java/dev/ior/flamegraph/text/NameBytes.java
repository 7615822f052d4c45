// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

import java.io.ByteArrayOutputStream;
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
   * {@return the name held by {@code b[off, off + len)}: valid UTF-8 (RFC 3629: no overlong forms,
   * no encoded surrogates, nothing above U+10FFFF) as its characters, every other byte as U+DC00
   * plus the byte}
   *
   * @param b the bytes
   * @param off the first byte's index
   * @param len how many bytes, >= 0
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

  /**
   * {@return {@link #decode(byte[], int, int)} of the whole array}
   *
   * @param b the bytes
   */
  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /**
   * {@return the bytes of {@code name}: the inverse of {@link #decode}} Characters are encoded as
   * UTF-8, an escaped byte (a lone U+DC80..U+DCFF) as that byte. Other lone surrogates, which
   * {@link #decode} never produces, are written as {@code ?} (as the JDK's encoder does).
   *
   * @param name a name as {@link #decode} gives it
   */
  public static byte[] encode(String name) {
    ByteArrayOutputStream out = null;
    int from = 0;
    for (int i = 0; i < name.length(); i++) {
      int b = escapedByte(name, i);
      if (b >= 0) {
        if (out == null) {
          out = new ByteArrayOutputStream(name.length() + 16);
        }
        out.writeBytes(name.substring(from, i).getBytes(StandardCharsets.UTF_8));
        out.write(b);
        from = i + 1;
      }
    }
    if (out == null) {
      return name.getBytes(StandardCharsets.UTF_8);
    }
    out.writeBytes(name.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * {@return the byte that {@code s.charAt(i)} stands for (0x80..0xff) when it is an escaped byte,
   * that is a low surrogate U+DC80..U+DCFF not preceded by a high surrogate; otherwise -1}
   *
   * @param s the text
   * @param i an index into {@code s}
   */
  public static int escapedByte(String s, int i) {
    char c = s.charAt(i);
    if (c < 0xDC80 || c > 0xDCFF || i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
      return -1;
    }
    return c & 0xFF;
  }

  /**
   * {@return the character that carries byte {@code b} (0x80..0xff) in a name: U+DC00 + b}
   *
   * @param b a byte value, 0x80..0xff
   * @throws IllegalArgumentException when {@code b} is outside 0x80..0xff
   */
  public static char escapeOf(int b) {
    if (b < 0x80 || b > 0xFF) {
      throw new IllegalArgumentException("only bytes 0x80..0xff are escaped: " + b);
    }
    return (char) (0xDC00 | b);
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
