// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.flamegraph.FlameGraphCommandTest.Result;
import dev.ior.testing.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seven flamegraph.pl options added last ({@code --bgcolors --cp --random --encoding
 * --fontwidth --factor --nameattr}), beside flamegraph.pl's own output where the two compare.
 */
class FlameGraphPlOptionsTest {
  private static final String IN = "main;read;vfs_read 30\nmain;write;vfs_write 20\n"
      + "main;write 10\nother 5\n";

  @TempDir Path dir;

  /** flamegraph.pl's SVG for {@code args} on {@code IN}, run in {@code dir}. */
  private String pl(String... args) throws Exception {
    Path pl = TestData.thirdParty("FlameGraph/flamegraph.pl");
    Path in = Files.writeString(dir.resolve("in.folded"), IN);
    List<String> cmd = new ArrayList<>(List.of("perl", pl.toString()));
    cmd.addAll(List.of(args));
    cmd.add(in.toString());
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd));
    return svg;
  }

  private static List<String> titles(String svg) {
    List<String> t = new ArrayList<>();
    Matcher m = Pattern.compile("<title>(.*?)</title>").matcher(svg);
    while (m.find()) {
      t.add(m.group(1));
    }
    t.sort(null);
    return t;
  }

  @Test
  void helpStartsWithTheUsageNotWithWarnings() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    FlameGraphMain.commandLine(new FlameGraphCommand()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute("--help");
    assertTrue(out.toString().startsWith("Usage: flamegraph"), out.toString());
    assertEquals("", err.toString());
    for (String o : new String[] {"--bgcolors", "--cp", "--random", "--encoding",
        "--fontwidth", "--factor", "--nameattr"}) {
      assertTrue(out.toString().contains(o.substring(1)), o);
    }
  }

  @Test
  void bgcolorsDrawsFlamegraphPlsGradientsAndFlatColours() throws Exception {
    for (String bg : new String[] {"yellow", "blue", "green", "grey"}) {
      Result r = FlameGraphCommandTest.run(IN, "--bgcolors", bg);
      assertEquals(0, r.code(), r.err());
      Matcher ours = Pattern.compile("stop-color=\"(#\\w+)\"").matcher(r.svg());
      Matcher theirs = Pattern.compile("stop-color=\"(#\\w+)\"").matcher(pl("--bgcolors", bg));
      for (int i = 0; i < 2; i++) {
        assertTrue(ours.find() && theirs.find(), bg);
        assertEquals(theirs.group(1), ours.group(1), bg + " stop " + i);
      }
    }
    assertTrue(FlameGraphCommandTest.run(IN, "--bgcolors", "#102030").svg()
        .contains("fill=\"#102030\""));
    Result bad = FlameGraphCommandTest.run(IN, "--bgcolors", "pink\"/><script>");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("flamegraph: unknown background"), bad.err());
  }

  @Test
  void factorScalesTooltipCountsAsFlamegraphPlDoes() throws Exception {
    Result r = FlameGraphCommandTest.run(IN, "--factor", "10");
    assertEquals(0, r.code(), r.err());
    List<String> ours = titles(r.svg());
    ours.removeIf(t -> t.startsWith("all "));
    List<String> theirs = titles(pl("--factor", "10"));
    theirs.removeIf(t -> t.startsWith("all "));
    assertEquals(theirs, ours);
    assertTrue(r.svg().contains("data-v=\"30\""), "the script still reads the true value");
    assertEquals(2, FlameGraphCommandTest.run(IN, "--factor", "0").code());
  }

  @Test
  void encodingIsDeclaredAsFlamegraphPlDeclaresIt() throws Exception {
    String ours = FlameGraphCommandTest.run(IN, "--encoding", "ISO-8859-1").svg();
    assertEquals(pl("--encoding", "ISO-8859-1").lines().findFirst(), ours.lines().findFirst());
    assertEquals(2, FlameGraphCommandTest.run(IN, "--encoding", "x\" y=\"1").code());
  }

  @Test
  void fontwidthFitsMoreOrLessOfALabel() {
    String narrow = FlameGraphCommandTest.run("a_rather_long_function_name_here 5\nb 5\n",
        "--fontwidth", "0.2", "--width", "400").svg();
    String wide = FlameGraphCommandTest.run("a_rather_long_function_name_here 5\nb 5\n",
        "--fontwidth", "1.5", "--width", "400").svg();
    assertTrue(narrow.contains(">a_rather_long_function_name_here</text>"), narrow);
    assertFalse(wide.contains(">a_rather_long_function_name_here</text>"));
    assertTrue(narrow.contains("data-fw=\"0.2\""), "the script fits zoomed labels alike");
  }

  @Test
  void nameattrSetsTitleClassAndLink() throws Exception {
    Path attrs = Files.writeString(dir.resolve("attrs.tsv"),
        "vfs_read\ttitle=reading <x>\tclass=hot\thref=http://example.com/r\n");
    Result r = FlameGraphCommandTest.run(IN, "--nameattr", attrs.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.svg().contains("<g class=\"hot\"><title>reading &lt;x&gt; (30 samples,"),
        r.svg());
    assertTrue(r.svg().contains("<a href=\"http://example.com/r\" target=\"_top\">"));
    String theirs = pl("--nameattr", attrs.toString());
    assertTrue(theirs.contains("http://example.com/r") && theirs.contains("class=\"hot\""));
    Path bad = Files.writeString(dir.resolve("bad.tsv"), "no attributes\n");
    Result refused = FlameGraphCommandTest.run(IN, "--nameattr", bad.toString());
    assertEquals(1, refused.code());
    assertEquals("flamegraph: " + bad + ":1: expected NAME<TAB>attr=value...\n", refused.err());
  }

  @Test
  void randomColoursDifferBetweenRenderings() {
    String a = FlameGraphCommandTest.run(IN, "--random").svg();
    String b = FlameGraphCommandTest.run(IN, "--random").svg();
    String c = FlameGraphCommandTest.run(IN).svg();
    assertNotEquals(a, b);
    assertEquals(c, FlameGraphCommandTest.run(IN).svg(), "without it, colours are stable");
  }

  @Test
  void cpKeepsColoursInPaletteMapReadableByFlamegraphPl() throws Exception {
    String cwd = System.getProperty("user.dir");
    Path map = Path.of(cwd, "palette.map");
    boolean existed = Files.exists(map);
    try {
      Files.writeString(map, "vfs_read->rgb(1,2,3)\n");
      Result r = FlameGraphCommandTest.run(IN, "--cp");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.svg().contains("fill=\"rgb(1,2,3)\""), "a mapped name keeps its colour");
      List<String> lines = Files.readAllLines(map);
      assertTrue(lines.contains("vfs_read->rgb(1,2,3)"), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("vfs_write->#")), lines.toString());
      // flamegraph.pl reads our map and colours vfs_write as we did.
      Files.copy(map, dir.resolve("palette.map"));
      String color = lines.stream().filter(l -> l.startsWith("vfs_write->")).findFirst()
          .orElseThrow().substring("vfs_write->".length());
      assertTrue(pl("--cp").contains("fill=\"" + color + "\""), color);
    } finally {
      if (!existed) {
        Files.deleteIfExists(map);
      }
    }
  }

  @Test
  void unknownValuesAreOneLine() throws IOException {
    Result r = FlameGraphCommandTest.run(IN, "--fontwidth", "x");
    assertEquals(2, r.code());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
