// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.util;

import dev.ior.flamegraph.text.NameBytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns byte strings (comms, paths as the kernel copied them) into Strings, returning the same
 * String for the same bytes: a workload that touches the same files over and over allocates
 * nothing in steady state. Bounded: when full it starts afresh, so memory stays flat for
 * workloads with endless distinct names. Not thread-safe.
 *
 * <p>This is where names become Strings, once: the bytes are decoded by {@link NameBytes}, so a
 * byte that is not UTF-8 is kept (as U+DC80..U+DCFF) and two names that differ only there stay two
 * Strings; {@link NameBytes#encode} gives the bytes back and outputs escape such names with
 * {@link dev.ior.flamegraph.text.NameEscaper}.
 *
 * <pre>{@code
 * StringInterner names = new StringInterner(1 << 14);
 * String comm = names.intern(buffer, offset, 16); // stops at the first NUL
 * }</pre>
 */
public final class StringInterner {
  private final byte[][] keys;
  private final String[] values;
  private final int[] hashes;
  private final int mask;
  private final int limit;
  private int size;

  /** An interner holding at most about {@code capacity} strings. */
  public StringInterner(int capacity) {
    int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    keys = new byte[cap][];
    values = new String[cap];
    hashes = new int[cap];
    mask = cap - 1;
    limit = cap / 2;
  }

  /**
   * The String of the bytes at {@code buf[offset, offset + max)}, up to the first NUL. Bytes are
   * read as UTF-8; bytes that are not UTF-8 are kept as {@link NameBytes} escapes.
   */
  public String intern(ByteBuffer buf, int offset, int max) {
    int len = 0;
    int h = 1;
    while (len < max) {
      byte b = buf.get(offset + len);
      if (b == 0) {
        break;
      }
      h = 31 * h + b;
      len++;
    }
    int i = h & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && equal(keys[i], buf, offset, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    byte[] key = new byte[len];
    buf.get(offset, key, 0, len);
    return insert(i, h, key);
  }

  /** The String of {@code bytes[0, len)}, interned like {@link #intern(ByteBuffer, int, int)}. */
  public String intern(byte[] bytes, int len) {
    int h = 1;
    for (int k = 0; k < len; k++) {
      h = 31 * h + bytes[k];
    }
    int i = h & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, bytes, 0, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return insert(i, h, Arrays.copyOf(bytes, len));
  }

  private String insert(int slot, int h, byte[] key) {
    if (size >= limit) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
      slot = h & mask;
    }
    String s = NameBytes.decode(key);
    keys[slot] = key;
    values[slot] = s;
    hashes[slot] = h;
    size++;
    return s;
  }

  private static boolean equal(byte[] key, ByteBuffer buf, int offset, int len) {
    if (key.length != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (key[k] != buf.get(offset + k)) {
        return false;
      }
    }
    return true;
  }

  /** Number of strings held. */
  public int size() {
    return size;
  }
}
