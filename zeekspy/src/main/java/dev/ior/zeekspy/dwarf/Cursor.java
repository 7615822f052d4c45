// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A read position in a little-endian DWARF section, with its integer encodings. */
final class Cursor {
  final ByteBuffer data;
  int pos;

  Cursor(ByteBuffer data, int pos) {
    this.data = data;
    this.pos = pos;
  }

  int u8() {
    return Byte.toUnsignedInt(data.get(pos++));
  }

  /** An unsigned little-endian integer of {@code n} bytes (1..8). */
  long fixed(int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) u8() << (8 * i);
    }
    return v;
  }

  /** ULEB128; bits past 64 are dropped. */
  long uleb() {
    return leb128(false);
  }

  /** SLEB128. */
  long sleb() {
    return leb128(true);
  }

  private long leb128(boolean signed) {
    long v = 0;
    int shift = 0;
    int b;
    do {
      b = u8();
      if (shift < 64) {
        v |= (long) (b & 0x7f) << shift;
      }
      shift += 7;
    } while ((b & 0x80) != 0);
    if (signed && shift < 64 && (b & 0x40) != 0) {
      v |= -1L << shift;
    }
    return v;
  }

  /** The NUL-terminated UTF-8 string at {@code at} of {@code b}; null when out of range. */
  static String cString(ByteBuffer b, long at) {
    if (at < 0 || at >= b.limit()) {
      return null;
    }
    int end = (int) at;
    while (end < b.limit() && b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - (int) at];
    b.get((int) at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }}
