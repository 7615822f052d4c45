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
    assertEquals("a\\x0ab\\x0dc\\x09d", FrameEscaper.escape("a\nb\rc\td"));
    assertEquals("C:\\\\x", FrameEscaper.escape("C:\\x"));
    assertEquals("\\x00\\x1b\\x7f\\u0085", FrameEscaper.escape("\u0000\u001b\u007f\u0085"));
    assertEquals("\\u2028\\u2029", FrameEscaper.escape("\u2028\u2029"));
    assertEquals("x\\xff", FrameEscaper.escape("x\udcff"));
    assertEquals("trailing\\x20", FrameEscaper.escape("trailing "));
  }

  @Test
  void framesEndingInASpaceAndANumberGetTheGuard() {
    assertEquals("/report 2024_[w]", FrameEscaper.escape("/report 2024"));
    assertEquals("v 1.5_[w]", FrameEscaper.escape("v 1.5"));
    assertEquals("v 1._[w]", FrameEscaper.escape("v 1."));
    assertEquals("a 1_[w]_[w]", FrameEscaper.escape("a 1_[w]"));
    // No space before the number, no digit, or the escaped space: nothing to misread.
    assertEquals("report2024", FrameEscaper.escape("report2024"));
    assertEquals("2024", FrameEscaper.escape("2024"));
    assertEquals("a .", FrameEscaper.escape("a ."));
    assertEquals("a\\x092024", FrameEscaper.escape("a\t2024"));
    assertEquals("a_[w]", FrameEscaper.escape("a_[w]"));
  }

  @Test
  void theGuardComesOffExactlyOnce() {
    for (String name : new String[] {"/report 2024", "a 1_[w]", "a 1_[w]_[w]", "a_[w]",
        "x 2_[w]y", "2024_[w]", " 1", "1 2 3", "end 7 "}) {
      assertEquals(name, FrameEscaper.unescape(FrameEscaper.escape(name)), name);
    }
    assertEquals("perf_[k]", FrameEscaper.unescape("perf_[k]"));
    assertEquals("b 12_[k]", FrameEscaper.unescape("b 12_[k]"));
  }

  @Test
  void leavesOrdinaryTextAloneAndUntouched() {
    String s = "/home/paul/Grüße €.txt (1) [x]";
    assertTrue(FrameEscaper.isPlain(s));
    assertSame(s, FrameEscaper.escape(s));
  }

  @Test
  void bidiControlsAreEscapedForTerminalsOnly() {
    assertEquals("a\u202eb", FrameEscaper.escape("a\u202eb"));
    assertEquals("a\\u202eb", FrameEscaper.escape("a\u202eb", true));
    assertEquals("a\u202eb", FrameEscaper.unescape("a\\u202eb"));
  }

  @Test
  void unescapeReversesEscapeForEveryCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    all.append(" 99");
    String escaped = FrameEscaper.escape(all.toString());
    assertFalse(escaped.contains("\n") || escaped.contains(";") || escaped.contains("\r"));
    assertEquals(all.toString(), FrameEscaper.unescape(escaped));
  }

  @Test
  void unknownEscapesStayLiteralAndOlderEscapesAreRead() {
    assertEquals("C:\\Users\\q", FrameEscaper.unescape("C:\\Users\\q"));
    assertEquals("\\x4", FrameEscaper.unescape("\\x4"));
    assertEquals("end\\", FrameEscaper.unescape("end\\"));
    assertEquals("a\nb\tc", FrameEscaper.unescape("a\\nb\\tc"));
  }
}
