// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The documented escapes, their reversal, and leniency towards unescaped input. */
class FrameEscaperTest {
  @Test
  void escapesTheDocumentedCharacters() {
    assertEquals("a\\x3bb", FrameEscaper.escape("a;b"));
    assertEquals("a\\nb\\rc\\td", FrameEscaper.escape("a\nb\rc\td"));
    assertEquals("C:\\\\x", FrameEscaper.escape("C:\\x"));
    assertEquals("\\x00\\x1b\\x7f\\x85", FrameEscaper.escape("\u0000\u001b\u007f\u0085"));
    assertEquals("\\u2028\\u2029", FrameEscaper.escape("\u2028\u2029"));
  }

  @Test
  void leavesOrdinaryTextAloneAndUntouched() {
    String s = "/home/paul/Grüße €.txt (1) [x]";
    assertTrue(FrameEscaper.isPlain(s));
    assertSame(s, FrameEscaper.escape(s));
  }

  @Test
  void unescapeReversesEscapeForEveryCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    String escaped = FrameEscaper.escape(all.toString());
    assertFalse(escaped.contains("\n") || escaped.contains(";") || escaped.contains("\r"));
    assertEquals(all.toString(), FrameEscaper.unescape(escaped));
  }

  @Test
  void unknownEscapesStayLiteral() {
    assertEquals("C:\\Users\\q", FrameEscaper.unescape("C:\\Users\\q"));
    assertEquals("\\x4", FrameEscaper.unescape("\\x4"));
    assertEquals("end\\", FrameEscaper.unescape("end\\"));
  }
}
