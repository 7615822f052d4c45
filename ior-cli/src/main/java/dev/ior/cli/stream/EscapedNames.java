// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Caches the escaped UTF-8 bytes of names by String identity. The pipeline interns comms and
 * paths, so the same String objects come back pair after pair: escaping and encoding each once
 * makes writing a name a single array copy. Bounded: when full it starts afresh.
 *
 * <pre>{@code
 * EscapedNames names = new EscapedNames(new TextEscaper(false), 4096);
 * buffer.bytes(names.get(pair.file()));
 * }</pre>
 */
final class EscapedNames {
  private final TextEscaper escaper;
  private final String[] keys;
  private final byte[][] values;
  private final int mask;
  private final int limit;
  private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(512);
  private final LineBuffer encoder = new LineBuffer(scratch, 4096);
  private int size;

  EscapedNames(TextEscaper escaper, int capacity) {
    this.escaper = escaper;
    int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    keys = new String[cap];
    values = new byte[cap][];
    mask = cap - 1;
    limit = cap / 2;
  }

  /** The escaped UTF-8 bytes of {@code s} ({@link TextEscaper#append}); s must not be null. */
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
    values[i] = scratch.toByteArray();
    size++;
    return values[i];
  }
}
