// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import dev.ior.cli.CommandLines;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
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
    FlameGraphCommand command = new FlameGraphCommand();
    System.exit(isPlain(args) ? renderPlain(args, command, stderr())
        : commandLine(command).execute(args));
  }

  /**
   * Whether {@code args} are input names alone (or none: stdin), which picocli would only copy
   * into the command: no option, no {@code --} and no {@code @file} (picocli's argument files).
   * A plain render skips building picocli's model of the command from its annotations, which
   * costs a short render more CPU than reading the input (reflection, annotation proxies and
   * about 500 classes more).
   */
  static boolean isPlain(String[] args) {
    for (String a : args) {
      if (a.isEmpty() || (a.charAt(0) == '-' && !a.equals("-")) || a.charAt(0) == '@') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code flamegraph FILE...} with every option at its default, as {@code
   * commandLine(command).execute(args)} runs it: the same output, messages and exit codes.
   */
  static int renderPlain(String[] args, FlameGraphCommand command, PrintWriter err) {
    try {
      return command.renderPlain(Arrays.asList(args), err);
    } catch (RuntimeException | Error e) {
      return CommandLines.failed("flamegraph", e, err);
    } finally {
      err.flush();
    }
  }

  /** stderr as picocli writes it: in the platform's charset, flushed at every line. */
  private static PrintWriter stderr() {
    return new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
  }
}
