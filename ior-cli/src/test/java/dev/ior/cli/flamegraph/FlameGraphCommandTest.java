// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bin/flamegraph} in-process: flamegraph.pl's options, inputs by content, errors. */
class FlameGraphCommandTest {
  @TempDir Path dir;

  /** Exit code, stdout bytes, stderr text. */
  record Result(int code, byte[] out, String err) {
    String svg() {
      return new String(out, StandardCharsets.UTF_8);
    }

    List<String> titles() {
      List<String> t = new ArrayList<>();
      Matcher m = Pattern.compile("<title>(.*?)</title>").matcher(svg());
      while (m.find()) {
        t.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
            .replace("&amp;", "&"));
      }
      return t;
    }
  }

  static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cl = FlameGraphMain.commandLine(new FlameGraphCommand(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out));
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    int code = cl.execute(args);
    return new Result(code, out.toByteArray(), err.toString());
  }

  /** {@link #run} the way {@code main} runs plain arguments: without picocli. */
  static Result runPlain(String stdin, String... args) {
    assertTrue(FlameGraphMain.isPlain(args), List.of(args).toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = FlameGraphMain.renderPlain(args, new FlameGraphCommand(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out),
        new PrintWriter(err));
    return new Result(code, out.toByteArray(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsStdinAndWritesTheSvgWithFlamegraphPlsTooltips() {
    Result r = run("main;read 3\nbroken line\nmain;write 1\n", "--title", "T", "--countname",
        "calls");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("flamegraph: stdin:2: skipped: no count at end of line"),
        r.err());
    assertTrue(r.svg().contains("<text id=\"title\" x=\"600\" y=\"24\">T</text>"), r.svg());
    assertEquals(List.of("all (4 calls, 100%)", "main (4 calls, 100.00%)",
        "read (3 calls, 75.00%)", "write (1 calls, 25.00%)"), r.titles());
  }

  @Test
  void plainArgumentsSkipPicocliWithTheSameResult() throws IOException {
    Path a = file("a.folded", "x;y 2\nbroken\nx;z;\u00fc 3\n");
    Path empty = file("empty.folded", "not a stack\n");
    for (String[] args : List.of(new String[] {a.toString()}, new String[] {a.toString(), "-"},
        new String[0], new String[] {empty.toString()},
        new String[] {dir.resolve("missing.folded").toString()})) {
      Result viaPicocli = run("s;t 1\n", args);
      Result plain = runPlain("s;t 1\n", args);
      assertEquals(viaPicocli.code(), plain.code(), List.of(args).toString());
      assertEquals(viaPicocli.svg(), plain.svg(), List.of(args).toString());
      assertEquals(viaPicocli.err(), plain.err(), List.of(args).toString());
    }
    for (String arg : List.of("--title", "-", "@args", "", "--", "-h")) {
      assertEquals(arg.equals("-"), FlameGraphMain.isPlain(new String[] {"a.folded", arg}), arg);
    }
  }

  @Test
  void severalFilesAreOneInputAndGzipIsUndone() throws IOException {
    Path a = file("a.folded", "x;y 2\n");
    Path gz = dir.resolve("b.folded.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write("x;y 3\nx;z 5\n".getBytes(StandardCharsets.UTF_8));
    }
    Result r = run("", a.toString(), gz.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.titles().contains("y (5 samples, 50.00%)"), r.titles().toString());
  }

  @Test
  void twoCountLinesAreDifferentialAndDiffDrawsTwoFiles() throws IOException {
    Result r = run("m;a 10 30\nm;b 10 5\n", "--hash");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.titles().contains("a (30 samples, 85.71%; was 10, +20)"), r.titles().toString());
    assertTrue(r.svg().contains("fill=\"#ff0000\""), "the largest growth is full red");
    Result neg = run("m;a 10 30\nm;b 10 5\n", "--negate");
    assertTrue(neg.titles().contains("a (30 samples, 85.71%; becomes 10, -20)"),
        neg.titles().toString());
    assertTrue(neg.svg().contains("fill=\"#0000ff\""), "negated: the largest change is blue");

    Path before = file("before.folded", "m;a 10\nm;b 10\n");
    Path after = file("after.folded", "m;a 30\nm;b 5\n");
    Result d = run("", "--diff", before.toString(), after.toString());
    assertEquals(0, d.code(), d.err());
    assertEquals(r.titles(), d.titles());
  }

  @Test
  void pprofInAndOut() throws IOException {
    StackProfile p = StackProfile.builder(List.of(new SampleType("cpu", "nanoseconds")))
        .add(List.of(Frame.of("main"), Frame.of("work")), Map.of(), 3000).build();
    Path pb = dir.resolve("cpu.pb.gz");
    try (OutputStream o = Files.newOutputStream(pb)) {
      PprofWriter.write(p, o);
    }
    Result svg = run("", pb.toString());
    assertEquals(0, svg.code(), svg.err());
    assertTrue(svg.titles().contains("work (3,000 ns, 100.00%)"), svg.titles().toString());

    Result out = run("a;b 3\na;c 4\n", "--pprof");
    assertEquals(0, out.code(), out.err());
    StackProfile back = PprofReader.read(new ByteArrayInputStream(out.out()));
    assertEquals(7, back.total(0));
  }

  @Test
  void flamegraphPlsLayoutOptions() {
    Result inv = run("a;b 1\n", "--inverted", "--width", "600", "--height", "20", "--fontsize",
        "10", "--fonttype", "DejaVu Sans", "--nametype", "Frame:", "--notes", "made -- by test",
        "--colors", "io", "--subtitle", "S");
    assertEquals(0, inv.code(), inv.err());
    String s = inv.svg();
    assertTrue(s.contains(">Icicle Graph</text>"), "inverted's default title");
    assertTrue(s.contains("width=\"600\""), s);
    assertTrue(s.contains("font-family: DejaVu Sans; font-size: 10px"), s);
    assertTrue(s.contains("data-nametype=\"Frame:\""), s);
    assertTrue(s.contains("<!-- NOTES: made - - by test -->"), s);
    assertTrue(s.contains("data-fh=\"20\""), s);
    Result chart = run("a;b 1\na;c 1\na;b 1\n", "--flamechart");
    assertTrue(chart.svg().contains(">Flame Chart</text>"));
    assertEquals(List.of("all (3 samples, 100%)", "a (3 samples, 100.00%)",
        "b (1 samples, 33.33%)", "c (1 samples, 33.33%)", "b (1 samples, 33.33%)"),
        chart.titles(), "a chart keeps the input order and merges only neighbours");
    Result rev = run("a;b 1\nc;b 2\n", "--reverse");
    assertEquals(List.of("all (3 samples, 100%)", "b (3 samples, 100.00%)",
        "a (1 samples, 33.33%)", "c (2 samples, 66.67%)"), rev.titles());
    Result total = run("a 1\n", "--total", "4");
    assertEquals(List.of("all (4 samples, 100%)", "a (1 samples, 25.00%)"), total.titles());
    Result pct = run("big 999\nsmall 1\n", "--minwidth", "0.5%");
    assertFalse(pct.svg().contains("small ("), "0.1% of the total is under 0.5%");
    Result annotated = run("do_sys_open_[k] 1\n", "--color", "java");
    assertTrue(annotated.titles().contains("do_sys_open (1 samples, 100.00%)"),
        "perf's annotations are not shown, the abbreviated --color works");
  }

  @Test
  void htmlPageInstead() {
    Result r = run("a;b 1\n", "--html");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.svg().startsWith("<!DOCTYPE html>"), r.svg());
  }

  @Test
  void errorsAreOneLineWithTheRightExitCode() {
    Result empty = run("not a stack\n");
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("flamegraph: no stack counts found in stdin"), empty.err());
    assertTrue(empty.svg().contains("ERROR: No valid input"), "an error image, as flamegraph.pl");
    Result missing = run("", dir.resolve("nope.folded").toString());
    assertEquals(1, missing.code());
    assertEquals("flamegraph: " + dir.resolve("nope.folded") + ": no such file\n",
        missing.err());
    Result unknown = run("a 1\n", "--frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("flamegraph: Unknown option: '--frobnicate'"),
        unknown.err());
    Result palette = run("a 1\n", "--colors", "rainbow");
    assertEquals(2, palette.code());
    assertTrue(palette.err().contains("unknown palette 'rainbow': choose one of hot, mem"),
        palette.err());
    Result minWidth = run("a 1\n", "--minwidth", "wide");
    assertEquals(2, minWidth.code());
    assertTrue(minWidth.err().contains("--minwidth expects pixels"), minWidth.err());
    assertFalse((empty.err() + missing.err() + unknown.err()).contains("\tat "));
  }
}
