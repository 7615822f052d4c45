// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import dev.ior.cli.CommandLines;
import picocli.CommandLine;

/** Entry point of {@code bin/flamegraph}; the only place that exits its JVM. */
public final class FlameGraphMain {
  private FlameGraphMain() {}

  /**
   * The {@code flamegraph} command line: the project's error handling, and option names that
   * may be shortened (as Getopt::Long lets flamegraph.pl's users write {@code --color}).
   */
  public static CommandLine commandLine(FlameGraphCommand command) {
    return CommandLines.create("flamegraph", command).setAbbreviatedOptionsAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine(new FlameGraphCommand()).execute(args));
  }
}
