// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.internal.lib.LibC;
import dev.ior.cli.run.RunAs;
import dev.ior.cli.run.TracedCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ior [options] -- COMMAND ARGS...} and {@code -user}: trace a command you start; the
 * rules it and {@code -pid P -follow} share.
 */
public final class CommandOptions {
  @Option(names = {"-user", "--user"}, paramLabel = "NAME",
      description = "Run COMMAND as this user (name or uid; needs root). Default under sudo:"
          + " the user who ran sudo, with their groups.")
  String user;

  @Parameters(arity = "0..*", paramLabel = "-- COMMAND ARGS",
      description = "Start COMMAND ARGS... and trace it and every process it starts, from its"
          + " first syscall; the trace ends when COMMAND ends and ior exits with its status."
          + " Its terminal, environment and working directory are ior's; -o keeps the stream"
          + " apart from its output.")
  List<String> command = new ArrayList<>();

  /** Whether a command was given. */
  boolean given() {
    return !command.isEmpty();
  }

  /**
   * Checks the command against the other flags (the rules between options alone are {@link
   * FlagRules}'); a bad combination is a usage error.
   */
  void validate(CommandSpec spec, int pid, int tid, boolean tui) {
    String bad = null;
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    if (!given() && args.contains("--") && args.indexOf("--") == args.size() - 1) {
      bad = "nothing after --: give the COMMAND to start and trace (ior [options] -- COMMAND"
          + " ARGS...), or leave out -- to trace the whole system";
    } else if (given() && command.get(0).isEmpty()) {
      bad = "the COMMAND after -- is an empty string";
    } else if (given() && !args.contains("--")) {
      bad = "unexpected argument '" + command.get(0) + "': to trace a command, put it after --:"
          + " ior [options] -- COMMAND ARGS...";
    } else if (user != null && !given()) {
      bad = "-user is for a command you start: ior -user NAME -- COMMAND ARGS...";
    } else if (given() && (pid != 0 || tid != 0)) {
      bad = "-- COMMAND traces the command it starts: leave out -pid and -tid";
    } else if (given() && tui) {
      bad = "-tui and -- COMMAND both need the terminal: use -pid PID -follow -tui from another"
          + " terminal";
    } else if (given() && spec.commandLine().getParseResult().hasMatchedOption("-replay")) {
      bad = "-- COMMAND starts a command to trace; -replay reads a recording";
    }
    if (bad != null) {
      throw new ParameterException(spec.commandLine(), bad);
    }
  }

  /**
   * Starts the command held (see {@link TracedCommand}).
   *
   * @throws IllegalArgumentException for a user that cannot be chosen
   * @throws IOException when the command cannot be started
   */
  TracedCommand start() throws IOException {
    RunAs as = RunAs.choose(user, System.getenv(), LibC.geteuid());
    return TracedCommand.startHeld(command, as);
  }
}
