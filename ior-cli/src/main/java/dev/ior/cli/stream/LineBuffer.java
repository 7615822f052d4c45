// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A byte buffer that formats text straight into UTF-8 and writes it out in large chunks: the
 * stream's formatting path with no String, char[] or encoder in between, and no allocation.
 *
 * <pre>{@code
 * LineBuffer b = new LineBuffer(out, 1 << 16);
 * b.ascii("read=>").number(42).newline();
 * b.flush();
 * }</pre>
 */
public final class LineBuffer {
  private final OutputStream out;
  private final byte[] buf;
  private final byte[] digits = new byte[20];
  private int pos;

  /** Buffers up to {@code capacity} bytes (at least 4 KiB) before writing to {@code out}. */
  public LineBuffer(OutputStream out, int capacity) {
    this.out = out;
    this.buf = new byte[Math.max(capacity, 4096)];
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      drain();
    }
  }

  /** One ASCII character. */
  public LineBuffer ascii(char c) {
    ensure(1);
    buf[pos++] = (byte) c;
    return this;
  }

  /** A string known to be ASCII (names, keywords). */
  public LineBuffer ascii(String s) {
    int n = s.length();
    if (n > buf.length) {
      for (int i = 0; i < n; i++) {
        ascii(s.charAt(i));
      }
      return this;
    }
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** Bytes as they are (already encoded). */
  public LineBuffer bytes(byte[] b) {
    if (b.length > buf.length) {
      drain();
      try {
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  /** A decimal number. */
  public LineBuffer number(long v) {
    if (v == Long.MIN_VALUE) {
      return ascii("-9223372036854775808");
    }
    if (v < 0) {
      ascii('-');
      v = -v;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    ensure(n);
    while (n > 0) {
      buf[pos++] = digits[--n];
    }
    return this;
  }

  /** A number with exactly {@code width} digits, zero-padded. */
  public LineBuffer padded(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[pos + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos += width;
    return this;
  }

  /** One character as UTF-8 (surrogates are handled by {@link #utf8(String, int)}). */
  public LineBuffer utf8(char c) {
    ensure(3);
    if (c < 0x80) {
      buf[pos++] = (byte) c;
    } else if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | c >> 6);
      buf[pos++] = (byte) (0x80 | c & 0x3F);
    } else {
      buf[pos++] = (byte) (0xE0 | c >> 12);
      buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
      buf[pos++] = (byte) (0x80 | c & 0x3F);
    }
    return this;
  }

  /**
   * Character {@code i} of {@code s} as UTF-8, a surrogate pair as one 4-byte sequence.
   *
   * @return the number of chars consumed (1 or 2)
   */
  public int utf8(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      ensure(4);
      buf[pos++] = (byte) (0xF0 | cp >> 18);
      buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
      buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
      buf[pos++] = (byte) (0x80 | cp & 0x3F);
      return 2;
    }
    utf8(Character.isSurrogate(c) ? '\uFFFD' : c);
    return 1;
  }

  /** A character as {@code \xNN} (two hex digits of its low byte). */
  public LineBuffer hexEscape(char c) {
    return ascii('\\').ascii('x').ascii(hex(c >> 4)).ascii(hex(c));
  }

  /** A character as {@code \\uNNNN}. */
  public LineBuffer unicodeEscape(char c) {
    return ascii('\\').ascii('u').ascii(hex(c >> 12)).ascii(hex(c >> 8)).ascii(hex(c >> 4))
        .ascii(hex(c));
  }

  private static char hex(int v) {
    return "0123456789abcdef".charAt(v & 0xF);
  }

  /** Ends a line; writes the buffer out when it is nearly full. */
  public void newline() {
    ascii('\n');
    if (pos > buf.length - 1024) {
      drain();
    }
  }

  /** Writes everything buffered and flushes the stream. */
  public void flush() {
    drain();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drain() {
    if (pos == 0) {
      return;
    }
    try {
      out.write(buf, 0, pos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pos = 0;
    }
  }
}
