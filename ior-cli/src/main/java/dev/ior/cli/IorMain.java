// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.cli.trace.IorCommand;
import picocli.CommandLine;

/** Entry point of {@code ior}; the only place that exits the JVM. */
public final class IorMain {
  private IorMain() {}

  /** A command line with ior's error handling: usage errors print the message and a hint. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new IorCommand());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("ior: " + ex.getMessage());
      c.getErr().println("Try 'ior --help' for the options.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println("ior: internal error: " + ex);
      ex.printStackTrace(c.getErr());
      return 70;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
