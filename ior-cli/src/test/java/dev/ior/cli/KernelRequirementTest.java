// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.bpf.load.Preflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The minimum kernel is stated once ({@link Preflight#MIN_KERNEL}); {@code --help}, the README,
 * every page of docs/ and every source's Javadoc say the same.
 */
class KernelRequirementTest {
  /**
   * "Linux 6.2+", "Linux 6.2 or newer": a requirement ("needs", "requirements"... or the
   * minimum's own "+" after "and"), not a note on when a kernel feature came ("Linux 5.12+").
   */
  private static final Pattern REQUIREMENT = Pattern.compile("(?i)(needs?|needed|requirements?"
      + "|requires?|runs:|and)[^.;\n]{0,60}?Linux (\\d+\\.\\d+)(\\+| or newer)");

  @Test
  void helpStatesTheMinimum() {
    StringWriter out = new StringWriter();
    IorMain.commandLine().setOut(new PrintWriter(out)).execute("--help");
    assertTrue(out.toString().contains("Linux " + Preflight.MIN_KERNEL + "+"), out.toString());
  }

  @Test
  void everyPageAndSourceAgrees() throws IOException {
    Path root = Paths.get(System.getenv().getOrDefault("IOR_REPO_ROOT", ".."));
    List<String> disagree = new ArrayList<>();
    int found = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(KernelRequirementTest::stated)::iterator) {
        Matcher m = REQUIREMENT.matcher(Files.readString(f));
        while (m.find()) {
          found++;
          if (!m.group(2).equals(Preflight.MIN_KERNEL)) {
            disagree.add(root.relativize(f) + ": " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), disagree, "the minimum kernel is " + Preflight.MIN_KERNEL);
    assertTrue(found >= 8, "statements found: " + found);
  }

  private static boolean stated(Path f) {
    String s = f.toString();
    return !s.contains("/target/") && !s.contains("/.git/") && !s.contains("/node_modules/")
        && (s.endsWith(".md") || s.endsWith(".java") || s.endsWith("pom.xml"))
        && !s.endsWith("KernelRequirementTest.java");
  }
}
