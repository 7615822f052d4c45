// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at line feeds only, dropping one carriage return before a
 * line feed, and exposes each line as a range of a byte buffer so callers decode only what they
 * need. Unlike {@link java.io.BufferedReader} a lone carriage return does not end a line:
 * flamegraph.pl splits on line feeds only, and line numbers must agree with it.
 */
final class LineSource {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private long lineNumber;
  private int lineStart;
  private int lineEnd;

  LineSource(InputStream in) {
    this.in = in;
  }

  /** Number of the current line, 1-based. */
  long lineNumber() {
    return lineNumber;
  }

  /** The buffer holding the current line; valid until the next call of {@link #advance()}. */
  byte[] buffer() {
    return buf;
  }

  /** Offset of the current line in {@link #buffer()}. */
  int lineStart() {
    return lineStart;
  }

  /** End (exclusive) of the current line, its line break and trailing carriage return cut. */
  int lineEnd() {
    return lineEnd;
  }

  /** The current line decoded as UTF-8. */
  String line() {
    return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean advance() throws IOException {
    while (true) {
      int nl = indexOfNewline();
      if (nl >= 0) {
        setLine(start, nl);
        start = nl + 1;
        return true;
      }
      if (eof) {
        if (start == end) {
          return false;
        }
        setLine(start, end); // last line without a final line feed
        start = end;
        return true;
      }
      fill();
    }
  }

  private int indexOfNewline() {
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void setLine(int from, int to) {
    lineNumber++;
    lineStart = from;
    lineEnd = to > from && buf[to - 1] == '\r' ? to - 1 : to;
  }

  /** Moves the partial line to the front, growing the buffer for very long lines, and reads. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }
}
