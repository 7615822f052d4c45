// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;

/**
 * The dashboard's first frame, shown the moment {@code ior -tui} starts: the terminal's alternate
 * screen with the dashboard's title row, written as plain escape sequences (ECMA-48, xterm's
 * private mode 1049). Everything else a first screen needs comes later: picocli's model of the
 * options (130 ms of a cold JVM, 0.3 s and more on a busy machine), JNA, which lanterna's
 * terminal modes need, and the dashboard's own state. {@link Tui} then takes the same screen over
 * and draws into it; a run that ends before that (a usage error, {@code --help}) leaves the
 * alternate screen first, so that what it prints lands on the normal one, and so does a JVM that
 * exits meanwhile (Ctrl+C, which still works: the terminal is not in raw mode yet).
 */
public final class EarlyScreen {
  /** Save the screen, switch to the alternate one, clear it, cursor home. */
  private static final String ENTER = "\033[?1049h\033[2J\033[H";
  /** Back to the normal screen, as it was. */
  private static final String LEAVE = "\033[?1049l";
  /** The title row as the dashboard draws it (bold cyan, Style.HEADER), then attributes off. */
  private static final String TITLE = "\033[1;36m ior -tui  starting...\033[0m";

  private final PrintStream out;
  private boolean done;

  private EarlyScreen(PrintStream out) {
    this.out = out;
  }

  /**
   * Shows the frame on {@code out}, a terminal's (the caller checks: {@link Tui#isTerminal}).
   *
   * @return the frame, to hand to the dashboard ({@link #takenOver}) or to {@link #leave}
   */
  public static EarlyScreen show(PrintStream out) {
    EarlyScreen s = new EarlyScreen(out);
    out.print(ENTER + TITLE);
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(s::leave, "ior-early-screen"));
    return s;
  }

  /** Back to the normal screen, unless the dashboard took this one over; once. */
  public synchronized void leave() {
    if (!done) {
      done = true;
      out.print(LEAVE);
      out.flush();
    }
  }

  /** The dashboard draws here now, and gives the terminal back itself when it closes. */
  public synchronized void takenOver() {
    done = true;
  }

  /**
   * {@code w}, which first {@linkplain #leave leaves} this screen: for the writers a run's usage
   * errors and help go to, which the user must see on the normal screen.
   */
  public Writer leavingBefore(Writer w) {
    return new FilterWriter(w) {
      @Override
      public void write(int c) throws IOException {
        leave();
        super.write(c);
      }

      @Override
      public void write(char[] cbuf, int off, int len) throws IOException {
        leave();
        super.write(cbuf, off, len);
      }

      @Override
      public void write(String str, int off, int len) throws IOException {
        leave();
        super.write(str, off, len);
      }
    };
  }
}
