// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import dev.ior.cli.CommandLines;
import picocli.CommandLine;

/** Entry point of {@code zeekspy}; the only place that exits the JVM. */
public final class ZeekSpyMain {
  private ZeekSpyMain() {}

  /** The {@code zeekspy} command line with the project's error handling. */
  public static CommandLine commandLine() {
    return CommandLines.create("zeekspy", new ZeekSpyCommand());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
