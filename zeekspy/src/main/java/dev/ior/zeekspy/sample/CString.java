// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import java.nio.charset.StandardCharsets;

/**
 * A NUL-terminated remote string being read chunk by chunk, never across a page boundary: a read
 * crossing into an unmapped page would fail as a whole.
 */
final class CString {
  private static final int CHUNK = 256;

  final long start;
  long next;
  private byte[] bytes = new byte[0];

  CString(long start) {
    this.start = start;
    this.next = start;
  }

  int chunk() {
    // A read crossing into an unmapped page would fail as a whole; stop at the page end.
    return (int) Math.min(CHUNK, 4096 - (next & 4095));
  }

  void append(byte[] part) {
    byte[] b = new byte[bytes.length + part.length];
    System.arraycopy(bytes, 0, b, 0, bytes.length);
    System.arraycopy(part, 0, b, bytes.length, part.length);
    bytes = b;
  }

  int length() {
    return bytes.length;
  }

  String finish() {
    return decode(bytes);
  }

  /** UTF-8 text without control characters, or null (then it is not a string at all). */
  static String decode(byte[] b) {
    for (byte x : b) {
      if (x >= 0 && x < 0x20 || x == 0x7f) {
        return null;
      }
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
