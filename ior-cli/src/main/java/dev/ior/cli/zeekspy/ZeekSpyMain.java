// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import picocli.CommandLine;

/** Entry point of {@code zeekspy}; the only place that exits the JVM. */
public final class ZeekSpyMain {
  private ZeekSpyMain() {}

  /** A command line with zeekspy's error handling: usage errors print the message and a hint. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ZeekSpyCommand());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("zeekspy: " + ex.getMessage());
      c.getErr().println("Try 'zeekspy --help' for the options.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println("zeekspy: internal error: " + ex);
      ex.printStackTrace(c.getErr());
      return 70;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
