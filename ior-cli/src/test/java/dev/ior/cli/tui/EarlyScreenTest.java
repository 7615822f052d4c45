// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The escape sequences of the dashboard's first frame, and when it gives the screen back. */
class EarlyScreenTest {
  private final ByteArrayOutputStream term = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(term, true, StandardCharsets.UTF_8);

  private String written() {
    return term.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMessageBeforeTheDashboardGoesToTheNormalScreenOnce() {
    EarlyScreen s = EarlyScreen.show(out);
    assertEquals("\033[?1049h\033[2J\033[H\033[1;36m ior -tui  starting...\033[0m", written());
    StringWriter err = new StringWriter();
    PrintWriter w = new PrintWriter(s.leavingBefore(err), true);
    w.println("ior: Unknown option");
    assertEquals("\033[?1049h\033[2J\033[H\033[1;36m ior -tui  starting...\033[0m\033[?1049l",
        written(), "left before the message");
    w.println("Try 'ior --help'");
    s.leave();
    assertEquals(1, written().split("\033\\[\\?1049l", -1).length - 1, "left once");
    assertEquals("ior: Unknown option" + System.lineSeparator() + "Try 'ior --help'"
        + System.lineSeparator(), err.toString());
  }

  @Test
  void onceTheDashboardHasTheScreenItIsNotLeft() {
    EarlyScreen s = EarlyScreen.show(out);
    s.takenOver();
    new PrintWriter(s.leavingBefore(new StringWriter()), true).println("ior: tracing");
    s.leave(); // the shutdown hook's call
    assertEquals("\033[?1049h\033[2J\033[H\033[1;36m ior -tui  starting...\033[0m", written());
  }
}
