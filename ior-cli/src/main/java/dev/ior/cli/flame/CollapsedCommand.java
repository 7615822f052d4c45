// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.cli.UserFiles;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ior collapsed FILE}: upstream ior's newer spelling; prints the folded stacks of a
 * {@code .ior} file on stdout, for pipes into flamegraph.pl, inferno or speedscope.
 *
 * <pre>
 * ior collapsed -fields pid,path,tracepoint -count bytes run.ior | flamegraph.pl &gt; run.svg
 * </pre>
 */
@Command(name = CollapsedCommand.NAME, mixinStandardHelpOptions = true,
    description = "Print the folded stacks (frame;frame;frame COUNT) of a .ior data file on"
        + " stdout, e.g. for flamegraph.pl, inferno or speedscope. Needs no root.")
public final class CollapsedCommand implements Callable<Integer> {
  /** The subcommand's name: {@code ior collapsed}. */
  public static final String NAME = "collapsed";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .ior data file written by ior -flamegraph.")
  Path file;

  @Option(names = {"-fields", "--fields"}, paramLabel = "F,F,...",
      defaultValue = "comm,path,tracepoint",
      description = "Frames, root first, from: path, comm, tracepoint, pid, tid, flags"
          + " (default: ${DEFAULT-VALUE}).")
  String fields;

  @Option(names = {"-count", "--count"}, paramLabel = "COUNT", defaultValue = "count",
      description = "count, duration, durationToPrev or bytes (default: ${DEFAULT-VALUE}).")
  String count;

  /** Whether stdout is a terminal: then bidi controls in names are escaped, as in the stream. */
  boolean terminal = System.console() != null;

  @picocli.CommandLine.Mixin dev.ior.cli.InputLimitOptions inputLimits;

  @Override
  public Integer call() {
    Projection p;
    try {
      inputLimits.apply();
      p = Projection.parse(fields, count);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> missing = UserFiles.inputProblem(file);
    if (missing.isPresent()) {
      err.println("ior: " + missing.get());
      return 2;
    }
    try {
      StackProfile profile = p.project(IorFileReader.read(file).rows(), ProfileInfo.none());
      CollapsedWriter.write(profile, p.valueIndex(), out, terminal);
      return 0;
    } catch (IOException e) {
      err.println("ior: " + UserFiles.message(e));
      return 1;
    }
  }
}
