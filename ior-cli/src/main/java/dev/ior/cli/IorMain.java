// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.cli.trace.IorCommand;
import picocli.CommandLine;

/** Entry point of {@code ior}; the only place that exits the JVM. */
public final class IorMain {
  private IorMain() {}

  /** The {@code ior} command line with the project's error handling. */
  public static CommandLine commandLine() {
    return CommandLines.create("ior", new IorCommand());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
