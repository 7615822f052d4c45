// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A damaged {@code .ior} file is either read as exactly the data written or refused with a
 * message naming the file: never a third outcome (different numbers, another exception).
 */
class IorFileDamageTest {
  private static byte[] bytes(IorData data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IorFileWriter.write(out, data);
    return out.toByteArray();
  }

  /** Reads {@code b}: the data, or null when refused properly; fails on anything else. */
  private static IorData readOrRefuse(byte[] b, String what) {
    try {
      return IorFileReader.read(new ByteArrayInputStream(b), "f.ior");
    } catch (IOException e) {
      String m = e.getMessage();
      assertTrue(m.startsWith("f.ior: "), what + ": " + m);
      assertFalse(m.contains("Protocol message") || m.contains("ZLIB") || m.contains("null"),
          what + ": raw library text: " + m);
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": unexpected " + e, e);
    }
  }

  @Test
  void everySingleByteFlipReadsIdenticalDataOrIsRefused() throws IOException {
    IorData data = IorFileTest.sample();
    byte[] good = bytes(data);
    int identical = 0;
    int refused = 0;
    for (int pos = 0; pos < good.length; pos++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] b = good.clone();
        b[pos] ^= (byte) mask;
        IorData read = readOrRefuse(b, "byte " + pos + " ^ " + mask);
        if (read == null) {
          refused++;
        } else {
          assertEquals(data, read, "byte " + pos + " ^ " + mask + " read as other data");
          identical++;
        }
      }
    }
    // Only the gzip header's time stamp, extra flags and OS byte may change without harm.
    assertTrue(identical <= 3 * 6 + 3, "identical reads: " + identical);
    assertEquals(3 * good.length, identical + refused);
    System.out.printf("%d flips: %d read identical data, %d refused%n", 3 * good.length,
        identical, refused);
  }

  @Test
  void everyCutAndTrailingGarbageIsRefused() throws IOException {
    byte[] good = bytes(IorFileTest.sample());
    for (int len = 0; len < good.length; len++) {
      assertEquals(null, readOrRefuse(Arrays.copyOf(good, len), "cut at " + len));
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertEquals("f.ior: damaged: unexpected data after the end of its gzip data",
        assertThrows(IOException.class,
            () -> IorFileReader.read(new ByteArrayInputStream(longer), "f.ior")).getMessage());
    byte[] twice = Arrays.copyOf(good, good.length * 2 - 10);
    System.arraycopy(good, 10, twice, good.length, good.length - 10); // a second gzip member
    assertEquals(null, readOrRefuse(twice, "two gzip members"));
  }

  /** A file with valid framing around the given messages, as a hostile writer would make. */
  private static byte[] crafted(Header header, Row... rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(IorFileFormat.MAGIC);
    out.write(0);
    out.write(IorFileFormat.VERSION);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      header.writeDelimitedTo(gz);
      for (Row r : rows) {
        r.writeDelimitedTo(gz);
      }
    }
    return out.toByteArray();
  }

  private static String refusal(byte[] b) {
    return assertThrows(IOException.class,
        () -> IorFileReader.read(new ByteArrayInputStream(b), "f.ior")).getMessage();
  }

  private static Row row(long count, long bytes) {
    return Row.newBuilder().setPath(ByteString.copyFromUtf8("/a")).setSyscall("read")
        .setComm(ByteString.copyFromUtf8("c")).setPid(1).setTid(1)
        .setCount(count).setDurationNanos(10).setBytes(bytes).build();
  }

  @Test
  void impossibleValuesAreRefusedByName() throws IOException {
    Header two = Header.newBuilder().setHost("h").setRowCount(2).build();
    assertEquals("f.ior: damaged: row 2 has a negative count (-1)",
        refusal(crafted(two, row(1, 0), row(-1, 0))));
    assertEquals("f.ior: damaged: row 1 has a negative bytes (-5)",
        refusal(crafted(two, row(1, -5), row(1, 0))));
    assertEquals("f.ior: damaged: its totals add up past the range of a 64-bit number",
        refusal(crafted(two, row(Long.MAX_VALUE, 0), row(1, 0))));
    assertEquals("f.ior: damaged: its header announces -3 rows",
        refusal(crafted(Header.newBuilder().setRowCount(-3).build())));
    assertEquals("f.ior: damaged: it holds 1 rows, its header announces 2",
        refusal(crafted(two, row(1, 0))));
    assertEquals("f.ior: damaged: it holds more than the 2 rows its header announces",
        refusal(crafted(two, row(1, 0), row(1, 0), row(1, 0))));
    assertTrue(refusal(crafted(Header.newBuilder().setRowCount(Long.MAX_VALUE).build(),
        row(1, 0))).startsWith("f.ior: its header announces 9,223,372,036,854,775,807 rows,"
        + " more than"), "a claim beyond the row limit is refused before any row is read");
    Header negativeStats = Header.newBuilder().setRowCount(0).setStats(
        dev.ior.core.iorfile.proto.Stats.newBuilder().setRingDrops(-1)).build();
    assertEquals("f.ior: damaged: its run statistics hold a negative number (-1)",
        refusal(crafted(negativeStats)));
  }

  @Test
  void aWellFormedCraftedFileStillReads() throws IOException {
    Header one = Header.newBuilder().setHost("h").setRowCount(1).build();
    IorData d = IorFileReader.read(new ByteArrayInputStream(crafted(one, row(3, 7))), "f.ior");
    assertEquals(List.of(new AggregateRow("/a", "read", "c", 1, 1, 0, 3, 10, 0, 7)), d.rows());
  }
}
