// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Caches the escaped UTF-8 bytes of names by String identity, quoted for the output format. The
 * pipeline interns comms and paths, so the same String objects come back pair after pair:
 * escaping, quoting and encoding each once makes writing a name a single array copy. Bounded:
 * when full it starts afresh.
 *
 * <pre>{@code
 * EscapedNames names = new EscapedNames(new TextEscaper(false), EscapedNames.Quoting.CSV, 4096);
 * buffer.bytes(names.get(pair.file()));
 * }</pre>
 */
final class EscapedNames {
  /** How an escaped name is put into a field of the format. */
  enum Quoting {
    /** As it is (the ior format). */
    NONE,
    /** RFC 4180: in double quotes, quotes doubled, when it holds a comma or a quote. */
    CSV,
    /**
     * A JSON string: in double quotes, {@code \} and {@code "} escaped. The escaped name holds no
     * control character, so the JSON string's value is the escaped name, e.g. {@code "a\\xff"}.
     */
    JSON
  }

  private final TextEscaper escaper;
  private final Quoting quoting;
  private final String[] keys;
  private final byte[][] values;
  private final int mask;
  private final int limit;
  private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(512);
  private final LineBuffer encoder = new LineBuffer(scratch, 4096);
  private int size;

  EscapedNames(TextEscaper escaper, Quoting quoting, int capacity) {
    this.escaper = escaper;
    this.quoting = quoting;
    int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    keys = new String[cap];
    values = new byte[cap][];
    mask = cap - 1;
    limit = cap / 2;
  }

  /** The escaped, quoted UTF-8 bytes of {@code s} ({@link TextEscaper#append}); s not null. */
  byte[] get(String s) {
    int h = System.identityHashCode(s) & mask;
    int i = h;
    while (keys[i] != null) {
      if (keys[i] == s) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    if (size >= limit) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
      i = h;
    }
    scratch.reset();
    escaper.append(encoder, s);
    encoder.flush();
    keys[i] = s;
    values[i] = quote(scratch.toByteArray());
    size++;
    return values[i];
  }

  private byte[] quote(byte[] escaped) {
    if (quoting == Quoting.NONE
        || quoting == Quoting.CSV && indexOf(escaped, ',') < 0 && indexOf(escaped, '"') < 0) {
      return escaped;
    }
    ByteArrayOutputStream q = new ByteArrayOutputStream(escaped.length + 8);
    q.write('"');
    for (byte b : escaped) {
      if (b == '"') {
        q.write(quoting == Quoting.CSV ? '"' : '\\');
      } else if (b == '\\' && quoting == Quoting.JSON) {
        q.write('\\');
      }
      q.write(b);
    }
    q.write('"');
    return q.toByteArray();
  }

  private static int indexOf(byte[] b, char c) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
