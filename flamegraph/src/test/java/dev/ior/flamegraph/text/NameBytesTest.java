// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bytes to name and back: valid UTF-8 as text, every other byte kept, nothing lost. */
class NameBytesTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void validUtf8IsDecodedAsTheJdkDoes() {
    String text = "/tmp/Grüße €.txt \ud83d\ude00 ok";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(text, NameBytes.decode(utf8));
    assertArrayEquals(utf8, NameBytes.encode(text));
  }

  @Test
  void bytesThatAreNotUtf8BecomeLoneLowSurrogatesAndStayApart() {
    String ff = NameBytes.decode(bytes('a', 0xff));
    String fe = NameBytes.decode(bytes('a', 0xfe));
    assertEquals("a\udcff", ff);
    assertEquals("a\udcfe", fe);
    assertNotEquals(ff, fe);
    assertArrayEquals(bytes('a', 0xff), NameBytes.encode(ff));
  }

  @Test
  void invalidSequencesAreEscapedBytewiseAsPythonsSurrogateescape() {
    // truncated 3-byte sequence, overlong '/', encoded surrogate, above U+10FFFF, lone
    // continuation byte: each byte on its own, the ASCII after them kept.
    assertEquals("\udce2\udc82A", NameBytes.decode(bytes(0xe2, 0x82, 'A')));
    assertEquals("\udcc0\udcaf", NameBytes.decode(bytes(0xc0, 0xaf)));
    assertEquals("\udced\udca0\udc80", NameBytes.decode(bytes(0xed, 0xa0, 0x80)));
    assertEquals("\udcf4\udc90\udc80\udc80", NameBytes.decode(bytes(0xf4, 0x90, 0x80, 0x80)));
    assertEquals("\udc80x", NameBytes.decode(bytes(0x80, 'x')));
    // A valid character right after an invalid byte is still decoded.
    assertEquals("\udcff\u00e9", NameBytes.decode(bytes(0xff, 0xc3, 0xa9)));
  }

  @Test
  void aValidPairWhoseLowHalfLooksLikeAnEscapeIsText() {
    String skull = new String(Character.toChars(0x1F480)); // \ud83d\udc80
    assertEquals(-1, NameBytes.escapedByte(skull, 1));
    assertArrayEquals(skull.getBytes(StandardCharsets.UTF_8), NameBytes.encode(skull));
    String skullThenByte = NameBytes.decode(bytes(0xf0, 0x9f, 0x92, 0x80, 0x80));
    assertEquals(skull + "\udc80", skullThenByte);
    assertEquals(0x80, NameBytes.escapedByte(skullThenByte, 2));
  }

  @Test
  void everyByteStringSurvivesTheRoundTrip() {
    Random r = new Random(9);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[r.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        // Mostly high bytes, so that valid and invalid sequences mix.
        b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(0x80) : 0x80 + r.nextInt(0x80));
      }
      assertArrayEquals(b, NameBytes.encode(NameBytes.decode(b)));
    }
  }

  @Test
  void onlyHighBytesHaveAnEscapeCharacter() {
    assertEquals('\udc80', NameBytes.escapeOf(0x80));
    assertThrows(IllegalArgumentException.class, () -> NameBytes.escapeOf(0x7f));
  }
}
