// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.cli.trace.IorCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code ior}; the only place that exits the JVM. */
public final class IorMain {
  private IorMain() {}

  /** The {@code ior} command line with the project's error handling. */
  public static CommandLine commandLine() {
    return CommandLines.create("ior", new IorCommand());
  }

  public static void main(String[] args) {
    // UTF-8 whatever the locale: names are written escaped but may hold any other character,
    // and an ASCII-only default charset would print two different names as the same '?'.
    PrintStream out = new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), 8192), true, StandardCharsets.UTF_8);
    System.setOut(out);
    CommandLine cl = commandLine();
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    System.exit(cl.execute(args));
  }
}
