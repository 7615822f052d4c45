// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** What the JDK's GZIPInputStream lets through and this reader refuses. */
class StrictGzipInputStreamTest {
  private static final byte[] DATA = text();

  private static byte[] text() {
    StringBuilder b = new StringBuilder();
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      b.append("frame").append(r.nextInt(50)).append(';');
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] read(byte[] gz, boolean concatenated) throws IOException {
    try (StrictGzipInputStream in =
        new StrictGzipInputStream(new ByteArrayInputStream(gz), concatenated)) {
      return in.readAllBytes();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void readsWhatGzipWroteAndCountsItVerified() throws IOException {
    byte[] gz = gzip(DATA);
    assertArrayEquals(DATA, read(gz, false));
    try (StrictGzipInputStream in = new StrictGzipInputStream(new ByteArrayInputStream(gz), false)) {
      in.readNBytes(10);
      assertEquals(0, in.verifiedBytes(), "nothing checked before the trailer");
      assertFalse(in.atEnd());
      in.readAllBytes();
      assertTrue(in.atEnd());
      assertEquals(DATA.length, in.verifiedBytes());
    }
  }

  @Test
  void aWrongCrcOrLengthIsDamage() throws IOException {
    byte[] crc = gzip(DATA);
    crc[crc.length - 8] ^= 1;
    assertEquals("damaged: its gzip CRC-32 does not match its data",
        assertThrows(ZipException.class, () -> read(crc, false)).getMessage());
    byte[] size = gzip(DATA);
    size[size.length - 1] ^= 1;
    assertEquals("damaged: its gzip length field does not match its data",
        assertThrows(ZipException.class, () -> read(size, false)).getMessage());
  }

  @Test
  void bytesAfterTheEndAreDamageNotIgnored() throws IOException {
    byte[] gz = gzip(DATA);
    assertEquals("damaged: unexpected data after the end of its gzip data",
        assertThrows(ZipException.class, () -> read(concat(gz, new byte[] {0}), true))
            .getMessage());
    assertThrows(ZipException.class, () -> read(concat(gz, gzip(DATA)), false),
        "a second member where only one is allowed");
    assertArrayEquals(concat(DATA, DATA), read(concat(gz, gzip(DATA)), true));
  }

  @Test
  void everyCutIsAnEofException() throws IOException {
    byte[] one = gzip(DATA);
    byte[] gz = concat(one, one);
    for (int len = 0; len < gz.length; len++) {
      if (len == one.length) {
        assertArrayEquals(DATA, read(Arrays.copyOf(gz, len), true), "a whole first member");
        continue;
      }
      byte[] cut = Arrays.copyOf(gz, len);
      IOException e = assertThrows(IOException.class, () -> read(cut, true), "cut at " + len);
      assertTrue(e instanceof EOFException || len < 3, "cut at " + len + ": " + e);
    }
  }

  @Test
  void headerFieldsAreSkippedAndReservedFlagsRefused() throws IOException {
    byte[] plain = gzip(DATA);
    // FEXTRA (xlen 4: subfield "AB", no data), FNAME "n", FCOMMENT "c", FHCRC (not checked).
    byte[] head = {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, (byte) 0xff,
        4, 0, 'A', 'B', 0, 0, 'n', 0, 'c', 0, 0x12, 0x34};
    byte[] fancy = concat(head, Arrays.copyOfRange(plain, 10, plain.length));
    assertArrayEquals(DATA, read(fancy, false));
    try (StrictGzipInputStream in =
        new StrictGzipInputStream(new ByteArrayInputStream(fancy), false)) {
      assertArrayEquals(new byte[] {'A', 'B', 0, 0}, in.extraField());
    }
    byte[] reserved = plain.clone();
    reserved[3] = 0x20;
    assertEquals("damaged: its gzip header has reserved flags set",
        assertThrows(ZipException.class, () -> read(reserved, false)).getMessage());
    assertEquals("not gzip data (no gzip magic)",
        assertThrows(ZipException.class, () -> read("hello".getBytes(), false)).getMessage());
  }
}
