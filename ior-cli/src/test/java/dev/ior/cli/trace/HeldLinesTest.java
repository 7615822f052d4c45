// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HeldLinesTest {
  @Test
  void linesPassUntilHeldThenFollowInOrderOnRelease() {
    StringWriter screen = new StringWriter();
    HeldLines held = new HeldLines(new PrintWriter(screen));
    PrintWriter err = held.writer();
    err.println("ior: before the dashboard");
    assertEquals("ior: before the dashboard" + System.lineSeparator(), screen.toString());

    held.hold();
    err.println("ior: tracing 3 syscalls");
    err.print("ior: a note");
    err.flush();
    assertEquals("ior: before the dashboard" + System.lineSeparator(), screen.toString(),
        "nothing reaches the screen while the dashboard has it");

    held.release();
    err.println(" ends here");
    err.println("ior: traced 1.0 s");
    assertEquals(String.join(System.lineSeparator(), "ior: before the dashboard",
        "ior: tracing 3 syscalls", "ior: a note ends here", "ior: traced 1.0 s", ""),
        screen.toString());
  }
}
