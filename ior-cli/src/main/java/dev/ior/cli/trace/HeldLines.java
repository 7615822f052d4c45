// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * ior's own lines (warnings, "tracing ...") while the dashboard has the terminal's alternate
 * screen: written there they would show through its frame until the next full redraw and be gone
 * with the screen at the end. Lines pass straight through until {@link #hold()}, are kept in order
 * from then on and written to the normal screen by {@link #release()}, once the dashboard has left
 * it. Thread-safe (JVM notices come from another thread).
 */
final class HeldLines extends Writer {
  private final PrintWriter out;
  private StringBuilder held; // null while lines pass through

  HeldLines(PrintWriter out) {
    this.out = out;
  }

  /** {@return a writer that holds its lines here} */
  PrintWriter writer() {
    return new PrintWriter(this, true);
  }

  /** Keeps the lines from now on (the dashboard has the screen). */
  synchronized void hold() {
    if (held == null) {
      held = new StringBuilder();
    }
  }

  /** Writes what was held, in order, and lets later lines through. */
  synchronized void release() {
    if (held != null) {
      out.print(held);
      out.flush();
      held = null;
    }
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) {
    if (held != null) {
      held.append(buf, off, len);
    } else {
      out.write(buf, off, len);
    }
  }

  @Override
  public synchronized void flush() {
    if (held == null) {
      out.flush();
    }
  }

  @Override
  public void close() {
    release();
  }
}
