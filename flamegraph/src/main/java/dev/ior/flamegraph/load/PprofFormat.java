// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.pprof.PprofReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * pprof's {@code profile.proto}, recognised by its first field: sample types (field 1, a
 * length-delimited message) whose own first field is a type (field 1 varint) or unit (field 2).
 * Every encoder writes sample types first; no text starts with these bytes.
 */
final class PprofFormat implements ProfileFormat {
  @Override
  public String name() {
    return "pprof";
  }

  @Override
  public boolean detect(byte[] head, int length) {
    if (length < 3 || head[0] != 0x0a) {
      return false;
    }
    int i = 1;
    while (i < length && (head[i] & 0x80) != 0) {
      i++;
    }
    i++; // past the length's last byte
    return i < length && (head[i] == 0x08 || head[i] == 0x10);
  }

  @Override
  public Decoded read(InputStream in, String source) throws IOException {
    try {
      return Decoded.of(PprofReader.read(in));
    } catch (IOException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }
}
