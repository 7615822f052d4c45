// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import java.nio.ByteBuffer;

/** Receives ring-buffer records; the bytes are valid only during the call. */
@FunctionalInterface
public interface RecordSink {
  /**
   * One record at {@code buf[offset, offset + length)}, little-endian.
   *
   * @param buf the buffer holding the record; not to be kept
   * @param offset where the record starts in {@code buf}, bytes
   * @param length the record's length, bytes
   */
  void accept(ByteBuffer buf, int offset, int length);
}
