// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.cli.flame.CollapsedCommand;
import dev.ior.cli.serve.ServeCommand;
import dev.ior.cli.trace.IorCommand;
import dev.ior.core.trace.TraceStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ior}; the only place that exits the JVM. */
public final class IorMain {
  private IorMain() {}

  /** ior's subcommands, in the order --help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(CollapsedCommand.class, ServeCommand.class);

  /** The {@code ior} command line with every subcommand and the project's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = CommandLines.create("ior", new IorCommand());
    SUBCOMMANDS.forEach(cl::addSubcommand);
    return cl;
  }

  /**
   * The command line for {@code args}: without the subcommands when no argument can name one or
   * ask for help, as in every trace. picocli builds a command's model from its annotations when
   * it is registered, and the subcommands' models cost a cold JVM about 0.1 s of its start.
   */
  static CommandLine commandLine(String[] args) {
    boolean lean = args.length > 0 && args[0].startsWith("-"); // else a subcommand or a typo
    for (String a : args) {
      lean &= !a.equals("-h") && !a.equals("--help") && !a.equals("-V")
          && !a.equals("--version") && !isSubcommand(a);
    }
    return lean ? CommandLines.create("ior", new IorCommand()) : commandLine();
  }

  private static boolean isSubcommand(String arg) {
    for (Class<?> c : SUBCOMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(arg)) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) {
    // Beside the parsing below (a quarter second of a cold JVM): most commands trace live.
    TraceStream.prepareLive();
    // UTF-8 whatever the locale: names are written escaped but may hold any other character,
    // and an ASCII-only default charset would print two different names as the same '?'.
    PrintStream out = new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), 8192), true, StandardCharsets.UTF_8);
    System.setOut(out);
    CommandLine cl = commandLine(args);
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    System.exit(cl.execute(args));
  }
}
