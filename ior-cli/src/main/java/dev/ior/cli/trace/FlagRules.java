// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The flag combinations of {@code ior} that conflict or would be silently ignored, refused as
 * usage errors that name both flags. Plain mutual exclusion (one stream format, one conversion)
 * is left to picocli's exclusive argument groups; these are the "X means nothing without Y" and
 * "X means nothing with Y" rules that groups cannot express.
 *
 * <pre>{@code
 * FlagRules.check(spec.commandLine()); // before anything starts
 * }</pre>
 */
final class FlagRules {
  /** Flags that shape a trace, live or replayed. */
  private static final List<String> TRACE = List.of("-pid", "-follow", "-tid", "-comm", "-path",
      "-cgroup", "-container", "-duration", "-tps", "-tpsExclude", "-mapSize", "-record",
      "-replay", "-tui", "-plain", "-format", "-o", "-user");
  /**
   * What a recording cannot change: it holds what the live trace attached and kept (and cgroup
   * ids, which may be of another boot: no cgroup or container can be told from them).
   */
  private static final List<String> LIVE_ONLY = List.of("-tps", "-tpsExclude", "-mapSize",
      "-duration", "-tui", "-record", "-follow", "-cgroup", "-container");
  private static final List<String> CONVERSIONS = List.of("-ior", "-from-pprof", "-diff");

  private final CommandLine cl;
  private final ParseResult parsed;

  private FlagRules(CommandLine cl) {
    this.cl = cl;
    this.parsed = cl.getParseResult();
  }

  /** Throws a {@link ParameterException} for the first rule the command line breaks. */
  static void check(CommandLine cl) {
    if (cl.getParseResult() != null) {
      new FlagRules(cl).check();
    }
  }

  private void check() {
    String conversion = first(CONVERSIONS);
    if (conversion != null) {
      refuse(first(TRACE), "%s applies to a trace; " + conversion
          + " converts a file without tracing");
    }
    if (has("-replay")) {
      refuse(first(LIVE_ONLY), "%s applies to a live trace; -replay reads a recording, whole");
    }
    String aggregate = first(List.of("-flamegraph", "-pprof"));
    String format = first(List.of("-plain", "-format"));
    if (format != null) {
      refuse(aggregate, format + " sets the format of the stream on stdout; %s writes files"
          + " instead of the stream");
      refuse(has("-tui") ? "-tui" : null, format + " sets the format of the stream; %s shows a"
          + " dashboard instead of the stream");
    }
    if (has("-o")) {
      refuse(first(List.of("-flamegraph", "-pprof", "-timeline", "-speedscope")), "-o sets where"
          + " the stream goes; %s writes files instead of the stream");
      refuse(has("-tui") ? "-tui" : null, "-o sets where the stream goes; %s shows a dashboard"
          + " instead of the stream");
    }
    requires("-follow", has("-pid"), "-pid: ior -pid PID -follow (or ior -- COMMAND to start"
        + " one)");
    if (has("-follow")) {
      refuse(has("-tid") ? "-tid" : null, "-follow traces whole processes and what they start;"
          + " %s traces one thread");
    }
    boolean files = aggregate != null || conversion != null;
    requires("-name", files, "-flamegraph, -pprof, -ior, -from-pprof or -diff (the stream goes"
        + " to stdout)");
    requires("-count", files, "-flamegraph, -pprof, -ior, -from-pprof or -diff");
    requires("-fields", aggregate != null || has("-ior") || has("-diff"),
        "-flamegraph, -pprof, -ior or -diff");
    requires("-flamegraphTool", has("-flamegraph") || has("-ior") || has("-from-pprof"),
        "-flamegraph, -ior or -from-pprof (the SVG it draws)");
    requires("-normalize", has("-diff"), "-diff");
    if (has("-diff")) {
      refuse(first(List.of("-pprof")), "%s has no effect with -diff, which writes NAME.svg and"
          + " NAME.difffolded");
    }
    String name = parsed.matchedOptionValue("-name", (String) null);
    if (name != null && name.isBlank()) {
      throw new ParameterException(cl, "-name must not be empty: it is the base name of the"
          + " output files, e.g. -name out/run");
    }
    if (name != null && (name.endsWith("/") || java.nio.file.Files.isDirectory(
        java.nio.file.Path.of(name)))) {
      throw new ParameterException(cl, "-name " + name + " is a directory; give a base name"
          + " such as " + name + (name.endsWith("/") ? "" : "/") + "run");
    }
  }

  private boolean has(String flag) {
    return parsed.hasMatchedOption(flag);
  }

  private String first(List<String> flags) {
    return flags.stream().filter(this::has).findFirst().orElse(null);
  }

  /** A usage error when {@code flag} was given; {@code format}'s %s is the flag. */
  private void refuse(String flag, String format) {
    if (flag != null) {
      throw new ParameterException(cl, String.format(format, flag));
    }
  }

  private void requires(String flag, boolean met, String what) {
    if (has(flag) && !met) {
      throw new ParameterException(cl, flag + " has no effect without " + what);
    }
  }
}
