// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code go tool pprof} on a profile and parses its {@code -top} report. */
public final class GoPprof {
  private static final Pattern TOTAL =
      Pattern.compile("accounting for \\S+, [\\d.]+% of (\\S+) total");
  private static final Pattern ROW = Pattern.compile(
      "^\\s*(\\S+)\\s+\\S+%\\s+\\S+%\\s+(\\S+)\\s+\\S+%\\s+(.*)$");

  private GoPprof() {}

  /** One row of {@code -top}: flat and cumulative values as pprof prints them, and the name. */
  public record Row(String flat, String cum, String name) {}

  /** A parsed {@code -top} report. */
  public record Top(String total, List<Row> rows, String text) {
    /** Rows by name (first occurrence). */
    public Map<String, Row> byName() {
      Map<String, Row> m = new LinkedHashMap<>();
      rows.forEach(r -> m.putIfAbsent(r.name(), r));
      return m;
    }
  }

  /** {@code go tool pprof -top -nodecount=N [extra...] file}; fails when pprof exits non-zero. */
  public static Top top(Path profile, int nodeCount, String... extra) throws IOException {
    Path go = ExternalTool.require("reading pprof output with go tool pprof", "go");
    List<String> cmd = new ArrayList<>(List.of(go.toString(), "tool", "pprof", "-top",
        "-nodecount=" + nodeCount));
    cmd.addAll(List.of(extra));
    cmd.add(profile.toString());
    ExternalTool.Run run = ExternalTool.run(120, cmd);
    assertEquals(0, run.exitCode(), () -> "go tool pprof failed: " + run.stderr());
    return parse(run.stdout());
  }

  /** {@code go tool pprof} with arbitrary report flags; returns stdout. */
  public static String run(Path profile, String... flags) throws IOException {
    Path go = ExternalTool.require("reading pprof output with go tool pprof", "go");
    List<String> cmd = new ArrayList<>(List.of(go.toString(), "tool", "pprof"));
    cmd.addAll(List.of(flags));
    cmd.add(profile.toString());
    ExternalTool.Run r = ExternalTool.run(120, cmd);
    assertEquals(0, r.exitCode(), () -> "go tool pprof failed: " + r.stderr());
    return r.stdout();
  }

  static Top parse(String text) {
    String total = null;
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : text.split("\n")) {
      Matcher t = TOTAL.matcher(line);
      if (t.find()) {
        total = t.group(1);
      } else if (line.trim().startsWith("flat")) {
        inTable = true;
      } else if (inTable) {
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          rows.add(new Row(m.group(1), m.group(2), m.group(3)));
        }
      }
    }
    return new Top(total, rows, text);
  }
}
