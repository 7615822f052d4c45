// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flag values into one-line, terminal-safe errors; misspellings get the closest name. */
class FlagValuesTest {
  @Test
  void valuesAreShownEscapedAndEmptyOnesNamed() {
    assertEquals("\\x1b[31mred", FlagValues.shown("\u001b[31mred"));
    assertEquals("''", FlagValues.shown(""));
    assertEquals("a \\x9b b \\x07", FlagValues.safe("a \u009b b \u0007"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlagValues.nonEmpty("-cgroup", " ", "a cgroup path or id"));
    assertEquals("-cgroup needs a cgroup path or id, got an empty value", e.getMessage());
  }

  @Test
  void unsigned64TakesTheWholeRangeAndNamesItBeyond() {
    assertEquals(-1L, FlagValues.unsigned64("-cgroup", "18446744073709551615"));
    assertEquals(42L, FlagValues.unsigned64("-cgroup", "42"));
    for (String bad : new String[] {"18446744073709551616", "99999999999999999999999", "-1",
        "1e3", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FlagValues.unsigned64("-cgroup", bad));
      assertTrue(e.getMessage().endsWith("not a number from 0 to 18446744073709551615"),
          e.getMessage());
      assertFalse(e.getMessage().contains("For input string"));
    }
  }

  @Test
  void closestNamesForMisspellings() {
    List<String> flags = List.of("-duration", "-flamegraph", "-pid", "-tid", "-comm");
    assertEquals("-duration", FlagValues.closest("-durration", flags));
    assertEquals("-duration", FlagValues.closest("-duraton", flags));
    assertEquals("-flamegraph", FlagValues.closest("-flamgraph", flags));
    assertNull(FlagValues.closest("-zzzzzzzz", flags));
    assertEquals("fsync", FlagValues.closest("fsnyc", List.of("fsync", "fdatasync", "sync")));
  }

  @Test
  void aMisspelledFlagGetsDidYouMeanAndAnEscapeSequenceIsNeverPrinted() {
    StringWriter err = new StringWriter();
    var cl = IorMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("-durration", "3"));
    assertTrue(err.toString().startsWith("ior: Unknown option: '-durration'; did you mean"
        + " '-duration'?\n"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, cl.execute("-\u001b[31m"));
    assertFalse(err.toString().contains("\u001b"), err.toString());
    assertTrue(err.toString().contains("\\x1b[31m"), err.toString());
  }
}
