// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import picocli.CommandLine;

/**
 * The error handling every command of this project shares: a usage error is the message and a
 * hint on stderr with exit code 2; a bug is reported as an internal error (exit 70) with its
 * stack trace, the only case where users see one.
 *
 * <pre>{@code
 * int code = CommandLines.create("ior", new IorCommand()).execute(args);
 * }</pre>
 */
public final class CommandLines {
  private CommandLines() {}

  /** A command line for {@code command}, named {@code name} in messages. */
  public static CommandLine create(String name, Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println(name + ": " + ex.getMessage());
      c.getErr().println("Try '" + name + " --help' for the options.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println(name + ": internal error: " + ex);
      ex.printStackTrace(c.getErr());
      return 70;
    });
    return cl;
  }
}
