// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared escape: what it writes, that it is reversible, and that names stay apart. */
class NameEscaperTest {
  private static final String FF = NameBytes.decode(new byte[] {'x', (byte) 0xff});
  private static final String FE = NameBytes.decode(new byte[] {'x', (byte) 0xfe});

  @Test
  void writesTheDocumentedEscapes() {
    assertEquals("a\\x0ab\\x0dc\\x09d\\x00\\x1b\\x7f",
        NameEscaper.TEXT.escape("a\nb\rc\td\0\u001b\u007f"));
    assertEquals("C:\\\\x", NameEscaper.TEXT.escape("C:\\x"));
    assertEquals("x\\xff", NameEscaper.TEXT.escape(FF));
    assertEquals("\\u0085\\u009b\\u2028\\u2029\\ufffe",
        NameEscaper.TEXT.escape("\u0085\u009b\u2028\u2029\ufffe"));
    assertEquals("lone \\ud800 and \\udc10", NameEscaper.TEXT.escape("lone \ud800 and \udc10"));
  }

  @Test
  void terminalsAlsoGetBidiControlsEscaped() {
    String trick = "invoice\u202efdp.exe";
    assertSame(trick, NameEscaper.TEXT.escape(trick));
    assertEquals("invoice\\u202efdp.exe", NameEscaper.TERMINAL.escape(trick));
    assertEquals("invoice\u202efdp.exe", NameEscaper.unescape("invoice\\u202efdp.exe"));
  }

  @Test
  void extraAsciiCharactersBecomeHexEscapes() {
    NameEscaper folded = NameEscaper.TEXT.alsoEscaping(';').alsoEscaping('|');
    assertEquals("a\\x3bb\\x7cc", folded.escape("a;b|c"));
    assertEquals("a;b|c", NameEscaper.TEXT.escape("a;b|c"));
  }

  @Test
  void ordinaryTextIsReturnedAsItIs() {
    String s = "/home/paul/Grüße €.txt (1) [x] \ud83d\ude00";
    assertTrue(NameEscaper.TEXT.isPlain(s));
    assertSame(s, NameEscaper.TEXT.escape(s));
  }

  @Test
  void namesDifferingOnlyInInvalidUtf8StayDifferent() {
    assertNotEquals(NameEscaper.TEXT.escape(FF), NameEscaper.TEXT.escape(FE));
    assertEquals(FF, NameEscaper.unescape(NameEscaper.TEXT.escape(FF)));
  }

  @Test
  void unescapeReversesEscapeForEveryCharAndEveryByteString() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xffff; c++) {
      all.append(c).append('x');
    }
    for (NameEscaper e : new NameEscaper[] {NameEscaper.TEXT, NameEscaper.TERMINAL,
        NameEscaper.TEXT.alsoEscaping(';')}) {
      assertEquals(all.toString(), NameEscaper.unescape(e.escape(all.toString())));
    }
    Random r = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[r.nextInt(10)];
      r.nextBytes(b);
      for (int i = 0; i < b.length; i++) {
        b[i] = b[i] == 0 ? 1 : b[i]; // names hold no NUL
      }
      String escaped = NameEscaper.TEXT.escape(NameBytes.decode(b));
      // No control character, and nothing a UTF-8 encoder would have to replace.
      assertTrue(escaped.chars().noneMatch(c -> c < 0x20), escaped);
      assertEquals(escaped, new String(escaped.getBytes(UTF_8), UTF_8));
      assertArrayEquals(b, NameBytes.encode(NameEscaper.unescape(escaped)));
    }
  }

  @Test
  void unknownOrCutEscapesStayLiteral() {
    assertEquals("C:\\Users\\q", NameEscaper.unescape("C:\\Users\\q"));
    assertEquals("\\x4", NameEscaper.unescape("\\x4"));
    assertEquals("\\xg0", NameEscaper.unescape("\\xg0"));
    assertEquals("\\u12", NameEscaper.unescape("\\u12"));
    assertEquals("end\\", NameEscaper.unescape("end\\"));
    assertEquals("line\nfeed", NameEscaper.unescape("line\\nfeed")); // older folded files
  }

  @Test
  void unprintableEscapingKeepsBackslashesForTextThatIsNoName() {
    String msg = "cannot open C:\\tmp\\a\u001b[2J" + NameBytes.escapeOf(0xff);
    assertEquals("cannot open C:\\tmp\\a\\x1b[2J\\xff",
        NameEscaper.TERMINAL.escapeUnprintable(msg));
    String fine = "C:\\tmp ok";
    assertSame(fine, NameEscaper.TERMINAL.escapeUnprintable(fine));
  }

  @Test
  void classifyTellsByteWritersWhatToWrite() {
    assertEquals(NameEscaper.KEEP, NameEscaper.TEXT.classify("a", 0));
    assertEquals(NameEscaper.BACKSLASH, NameEscaper.TEXT.classify("\\", 0));
    assertEquals(0x0a, NameEscaper.TEXT.classify("\n", 0));
    assertEquals(0xff, NameEscaper.TEXT.classify(FF, 1));
    assertEquals(NameEscaper.UNICODE | 0x2028, NameEscaper.TEXT.classify("\u2028", 0));
    String pair = "\ud83d\ude00";
    assertEquals(NameEscaper.KEEP, NameEscaper.TEXT.classify(pair, 0));
    assertEquals(NameEscaper.KEEP, NameEscaper.TEXT.classify(pair, 1));
  }
}
