// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Rows of one INSERT, as TabSeparated bytes: filled on the consumer thread, sent by the sender,
 * then reused. Grows to the largest batch once; no allocation after that.
 */
final class Batch extends OutputStream {
  byte[] bytes;
  int length;
  int rows;
  /** Exit time of the first row's pair, CLOCK_MONOTONIC ns (the batch's age). */
  long firstNs;

  Batch(int initialBytes) {
    bytes = new byte[initialBytes];
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  private void ensure(int n) {
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
  }

  void reset() {
    length = 0;
    rows = 0;
    firstNs = 0;
  }
}
