// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C while a traced command runs belongs to the command, as with strace: the terminal sends
 * SIGINT to its whole foreground process group, so the command (which shares ior's group) gets
 * it anyway; ior ignores it and keeps tracing until the command exits, so that whatever the
 * command does on its way out is traced and every output is written. SIGTERM still stops ior.
 *
 * <pre>{@code
 * try (CtrlC ignored = CtrlC.leaveToCommand()) {
 *   command.waitFor();
 * }
 * }</pre>
 */
public final class CtrlC implements AutoCloseable {
  private static final Signal INT = new Signal("INT");
  private final SignalHandler previous;

  private CtrlC(SignalHandler previous) {
    this.previous = previous;
  }

  /** Ignores SIGINT in ior until {@link #close()}. */
  public static CtrlC leaveToCommand() {
    return new CtrlC(Signal.handle(INT, sig -> { }));
  }

  /** Restores the JVM's handling (SIGINT stops ior again). */
  @Override
  public void close() {
    Signal.handle(INT, previous);
  }
}
