// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The error handling every command of this project shares: a usage error is the message and a
 * hint on stderr with exit code 2; a bug is reported as an internal error (exit 70) with its
 * stack trace, the only case where users see one.
 *
 * <pre>{@code
 * int code = CommandLines.create("ior", new IorCommand(null)).execute(args);
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
      message = inUserWords(message, c.getCommandSpec(), args) + didYouMean(ex);
      c.getErr().println(name + ": " + FlagValues.safe(message));
      c.getErr().println("Try '" + name + " --help' for the options.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> failed(name, ex, c.getErr()));
    return cl;
  }

  /**
   * Reports what a command threw past its own error handling, for front ends that run a command
   * without a {@link CommandLine} too (bin/flamegraph's plain renders): a resource limit in one
   * line (exit code 1), anything else as an internal error with its stack trace (exit code 70).
   *
   * @param name the command's name in the message
   * @param ex what the command threw
   * @param err where the report goes
   * @return the exit code: 1 or 70
   */
  public static int failed(String name, Throwable ex, PrintWriter err) {
    String limit = resourceLimit(ex);
    if (limit != null) { // not a bug: the machine or a ulimit said no
      err.println(name + ": " + limit);
      return 1;
    }
    err.println(name + ": internal error: " + FlagValues.safe(String.valueOf(ex)));
    ex.printStackTrace(err);
    return 70;
  }

  /** "; did you mean '-duration'?" for a misspelled option, else "". */
  static String didYouMean(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException u)) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (OptionSpec o : ex.getCommandLine().getCommandSpec().options()) {
      names.addAll(Arrays.asList(o.names()));
    }
    for (String arg : u.getUnmatched()) {
      if (arg.startsWith("-")) {
        String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String close = FlagValues.closest(typed, names);
        if (close != null) {
          return "; did you mean '" + close + "'?";
        }
      }
    }
    return "";
  }

  /**
   * What a resource limit refused, in one line, or null for anything else: the heap or the
   * address space (ulimit -v) ran out, too many files are open (ulimit -n), threads cannot be
   * created (ulimit -u) — the JVM reports these as Errors deep in whatever needed them.
   */
  static String resourceLimit(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof OutOfMemoryError) {
        return m.contains("native thread")
            ? "cannot start a thread: a process or memory limit (ulimit -u, ulimit -v) is too low"
            : "out of memory (" + m + "): raise the heap with IOR_JAVA_OPTS=-Xmx..., or the"
                + " address-space limit (ulimit -v)";
      }
      if (m.contains("Too many open files")) {
        return "too many open files: the limit on open files (ulimit -n) is too low; ior"
            + " needs about 64";
      }
      if (t instanceof InternalError || t instanceof UnsatisfiedLinkError) {
        return "the JVM could not load what it needs (" + FlagValues.safe(m) + "): a resource"
            + " limit (ulimit -n, ulimit -v) may be too low";
      }
    }
    return null;
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
