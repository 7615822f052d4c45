// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import dev.ior.cli.IorMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code ior} command line in-process with captured stdout and stderr. */
public final class IorRun {
  private IorRun() {}

  /** Exit code and what the command printed. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code ior args}. */
  public static Result run(String... args) {
    CommandLine cl = IorMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
