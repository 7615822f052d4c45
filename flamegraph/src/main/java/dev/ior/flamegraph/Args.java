// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.svg.Palette;
import dev.ior.flamegraph.svg.SvgOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The parsed command line of {@link Main}: options, then positional file names. */
final class Args {
  SvgOptions svg = SvgOptions.defaults();
  boolean countNameSet;
  List<CollapsedOptions.KindRule> kindRules = new ArrayList<>();
  String value = "";
  boolean normalize;
  final List<String> files = new ArrayList<>();

  static Args parse(List<String> argv) {
    Args a = new Args();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("--")) {
        a.files.add(arg);
      } else if (arg.equals("--inverted")) {
        a.svg = a.svg.withInverted(true);
      } else if (arg.equals("--normalize")) {
        a.normalize = true;
      } else if (arg.equals("--no-legend")) {
        a.svg = a.svg.withLegend(false);
      } else {
        if (i + 1 >= argv.size()) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        a.option(arg, argv.get(++i));
      }
    }
    return a;
  }

  private void option(String name, String v) {
    switch (name) {
      case "--title": svg = svg.withTitle(v); break;
      case "--subtitle": svg = svg.withSubtitle(v); break;
      case "--count-name": svg = svg.withCountName(v); countNameSet = true; break;
      case "--width": svg = svg.withWidth(Integer.parseInt(v)); break;
      case "--min-width": svg = svg.withMinWidth(Double.parseDouble(v)); break;
      case "--palette": svg = svg.withPalette(Palette.valueOf(v.toUpperCase(Locale.ROOT))); break;
      case "--value": value = v; break;
      case "--kind": kindRules.add(kindRule(v)); break;
      default: throw new IllegalArgumentException("unknown option " + name);
    }
  }

  /** {@code REGEX=KIND}; the last '=' separates, so the regex may contain '='. */
  private static CollapsedOptions.KindRule kindRule(String v) {
    int eq = v.lastIndexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--kind expects REGEX=KIND, e.g. '^enter_=syscall'");
    }
    return new CollapsedOptions.KindRule(Pattern.compile(v.substring(0, eq)),
        v.substring(eq + 1));
  }
}
