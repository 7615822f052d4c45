// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.cli.flame.CollapsedCommand;
import dev.ior.cli.serve.ServeCommand;
import dev.ior.bpf.BpfLiveSource;
import dev.ior.cli.trace.IorCommand;
import dev.ior.cli.trace.RecordOptions;
import dev.ior.cli.tui.EarlyScreen;
import dev.ior.cli.tui.Tui;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.trace.LivePreparation;
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

/** Entry point of {@code ior}; the only place that exits the JVM. */
public final class IorMain {
  private IorMain() {}

  /** ior's subcommands, in the order --help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(CollapsedCommand.class, ServeCommand.class);

  /**
   * Their names, as constants: reading them from the annotations parsed {@code @Command} and
   * made its proxy classes, ~35 ms of a cold JVM before the BPF programs began to load.
   */
  static final List<String> SUBCOMMAND_NAMES = List.of(CollapsedCommand.NAME, ServeCommand.NAME);

  /** The {@code ior} command line with every subcommand and the project's error handling. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  private static CommandLine commandLine(LivePreparation live) {
    CommandLine cl = CommandLines.create("ior", new IorCommand(live));
    SUBCOMMANDS.forEach(cl::addSubcommand);
    // "ior -comm serve" traces processes named serve: a subcommand's name after an option that
    // takes a value is that value (picocli would otherwise refuse it as a missing parameter).
    cl.setAllowSubcommandsAsOptionParameters(true);
    return cl;
  }

  /**
   * Whether {@code args} are a trace's: no argument can name a subcommand or ask for help. picocli
   * builds a command's model from its annotations when it is registered, and the subcommands'
   * models cost a cold JVM about 0.1 s of its start; a trace's BPF programs load meanwhile.
   */
  static boolean traceArgs(String[] args) {
    boolean trace = args.length > 0 && args[0].startsWith("-"); // else a subcommand or a typo
    for (String a : args) {
      trace &= !a.equals("-h") && !a.equals("--help") && !a.equals("-V")
          && !a.equals("--version") && !isSubcommand(a);
    }
    return trace;
  }

  private static boolean isSubcommand(String arg) {
    return SUBCOMMAND_NAMES.contains(arg);
  }

  /**
   * Whether the BPF programs load beside the parsing of {@code args}: for a live trace, not for a
   * replay (nothing live) and not for the dashboard, whose first screen comes first (a load beside
   * its start delayed it from 459 to 531 ms at load 1, 1.2 to 1.7 s with two busy loops).
   */
  static boolean preload(String[] args) {
    boolean live = traceArgs(args) && !dashboardArgs(args);
    for (String a : args) {
      live &= !a.equals(RecordOptions.REPLAY) && !a.equals(RecordOptions.REPLAY_LONG);
    }
    return live;
  }

  /** Whether {@code args} ask for the dashboard. */
  static boolean dashboardArgs(String[] args) {
    for (String a : args) {
      if (a.equals(IorCommand.TUI) || a.equals(IorCommand.TUI_LONG)) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) {
    boolean trace = traceArgs(args);
    int code;
    // Beside the parsing below (a quarter second of a cold JVM): libbpf and libc are bound and,
    // for a live trace, its BPF programs load with the default ring (another size loads again).
    try (LivePreparation live = TraceStream.prepareLive(new BpfLiveSource(),
        preload(args) ? TraceConfig.DEFAULT_RING_BYTES : 0)) {
      // UTF-8 whatever the locale: names are written escaped but may hold any other character,
      // and an ASCII-only default charset would print two different names as the same '?'.
      PrintStream out = new PrintStream(new BufferedOutputStream(
          new FileOutputStream(FileDescriptor.out), 8192), true, StandardCharsets.UTF_8);
      System.setOut(out);
      // The dashboard's first frame before picocli builds its model of the options (130 ms of
      // a cold JVM, more on a busy machine); a usage error or help leaves it before printing.
      EarlyScreen early = trace && dashboardArgs(args) && Tui.isTerminal()
          ? EarlyScreen.show(out) : null;
      CommandLine cl = trace ? CommandLines.create("ior", new IorCommand(live, early))
          : commandLine(live);
      cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
      if (early != null) {
        cl.setOut(new PrintWriter(early.leavingBefore(cl.getOut()), true));
        cl.setErr(new PrintWriter(early.leavingBefore(cl.getErr()), true));
      }
      code = cl.execute(args);
    }
    System.exit(code);
  }
}
