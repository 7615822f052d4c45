// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
      // picocli starts some messages with "Error: "; ours are "name: problem" throughout.
      String message = String.valueOf(ex.getMessage()).replaceFirst("^Error: ", "");
      c.getErr().println(name + ": " + inUserWords(message, c.getCommandSpec(), args));
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

  /**
   * {@code message} with each option named as the user typed it: picocli names options by their
   * longest name ({@code --map-size}), the user may have typed {@code -mapSize}.
   */
  static String inUserWords(String message, CommandSpec spec, String[] args) {
    String m = message;
    for (OptionSpec o : spec.options()) {
      String longest = o.longestName();
      for (String arg : args) {
        String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (!typed.equals(longest) && Arrays.asList(o.names()).contains(typed)) {
          m = m.replaceAll(Pattern.quote(longest) + "(?![\\w-])",
              Matcher.quoteReplacement(typed));
          break;
        }
      }
    }
    return m;
  }
}
