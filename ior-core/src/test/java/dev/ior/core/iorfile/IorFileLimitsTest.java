// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile {@code .ior} files that claim or hold more than memory allows: each is refused in one
 * line that names the limit and how to raise it, before its rows are held.
 */
class IorFileLimitsTest {
  @TempDir Path dir;

  /** An .ior file whose header announces {@code announced} rows, followed by {@code rows}. */
  private Path file(long announced, long rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream head = new DataOutputStream(bytes);
    head.write(IorFileFormat.MAGIC);
    head.writeShort(IorFileFormat.VERSION);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      Header.newBuilder().setRowCount(announced).setHost("h").build().writeDelimitedTo(gz);
      Row row = Row.newBuilder().setPath(ByteString.copyFromUtf8("/a/b"))
          .setSyscall("read").setComm(ByteString.copyFromUtf8("c")).setCount(1).build();
      byte[] one = row.toByteArray();
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      for (int i = 0; i < 4096; i++) {
        row.writeDelimitedTo(block);
      }
      byte[] b = block.toByteArray();
      for (long i = 0; i + 4096 <= rows; i += 4096) {
        gz.write(b);
      }
      assertTrue(one.length > 0);
    }
    return Files.write(dir.resolve(announced + "-" + rows + ".ior"), bytes.toByteArray());
  }

  @Test
  void aHeaderThatClaimsBillionsOfRowsIsRefusedAtOnce() throws IOException {
    for (long claim : new long[] {2L << 30, 1L << 40, Long.MAX_VALUE}) {
      Path f = file(claim, 0);
      IOException e = assertThrows(IOException.class, () -> IorFileReader.read(f));
      assertTrue(e.getMessage().startsWith(f + ": its header announces "), e.getMessage());
      assertTrue(e.getMessage().endsWith("rows, more than the 4,000,000 ior reads into memory"
          + " (-max-input-rows N raises the limit)"), e.getMessage());
    }
  }

  @Test
  void aDecompressionBombIsRefusedByItsRatio() throws IOException {
    // 3.9 M identical rows: ~50 MB of protobuf in ~100 KB of gzip (ratio ~500).
    Path f = file(3_900_000, 3_900_000);
    assertTrue(Files.size(f) < 1 << 20, Files.size(f) + " bytes");
    IOException e = assertThrows(IOException.class, () -> IorFileReader.read(f));
    assertEquals(f + ": decompresses to more than 200 times its size (a decompression bomb?);"
        + " -max-input-ratio N raises the limit", e.getMessage());
  }
}
