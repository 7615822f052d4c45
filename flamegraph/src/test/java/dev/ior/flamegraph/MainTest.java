// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone front end: commands, exit codes, warnings, conversions. */
class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    return Main.run(List.of(args), err);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private Path folded(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void rendersReportsMalformedLinesAndKinds() throws IOException {
    Path in = folded("in.collapsed", "42;/etc;enter_read 3\nbroken\n42;/etc;enter_write 1\n");
    Path out = dir.resolve("out.svg");
    assertEquals(0, run("render", "--title", "T", "--kind", "^enter_=syscall", in.toString(),
        out.toString()));
    assertTrue(err().contains("in.collapsed:2: skipped: no count at end of line"), err());
    String svg = Files.readString(out);
    assertTrue(svg.contains("<text id=\"title\" x=\"600\" y=\"24\">T</text>"));
    assertTrue(svg.contains(">syscall</text>"), "legend lists the kind from --kind");
    assertTrue(svg.contains("all (4 samples, 100.00%)"));
  }

  @Test
  void convertsBetweenFoldedAndPprofBothWays() throws IOException {
    Path in = folded("in.collapsed", "a;b 3\na;c 4\n");
    Path pb = dir.resolve("out.pb.gz");
    assertEquals(0, run("pprof", in.toString(), pb.toString()));
    StackProfile p = PprofReader.read(pb);
    assertEquals(7, p.total(0));
    Path back = dir.resolve("back.collapsed");
    assertEquals(0, run("fold", pb.toString(), back.toString()));
    assertEquals("a;b 3\na;c 4\n", Files.readString(back));
    Path svg = dir.resolve("from-pprof.svg");
    assertEquals(0, run("render", pb.toString(), svg.toString()));
    assertTrue(Files.readString(svg).contains("all (7 samples, 100.00%)"));
  }

  @Test
  void diffCommandDrawsRedAndBlue() throws IOException {
    Path before = folded("b.collapsed", "m;a 10\nm;b 10\n");
    Path after = folded("a.collapsed", "m;a 30\nm;b 5\n");
    Path out = dir.resolve("diff.svg");
    assertEquals(0, run("diff", before.toString(), after.toString(), out.toString()));
    String svg = Files.readString(out);
    assertTrue(svg.contains("a (30 samples, 85.71%; was 10, +20)"), svg);
    assertTrue(svg.contains("fill=\"#ff0000\""), "the largest growth is full red");
  }

  @Test
  void badUsageIsExitCode2AndMissingInputIs1() {
    assertEquals(2, run());
    assertEquals(2, run("explode", "a", "b"));
    assertEquals(2, run("render", "only-one-file"));
    assertEquals(2, run("render", "--kind", "nokind", "a", "b"));
    assertTrue(err().contains("--kind expects REGEX=KIND"), err());
    assertEquals(1, run("render", dir.resolve("missing").toString(), dir.resolve("o").toString()));
    assertTrue(Files.notExists(dir.resolve("o")), "no half-written output");
  }
}
