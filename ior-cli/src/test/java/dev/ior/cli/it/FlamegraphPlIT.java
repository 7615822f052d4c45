// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.testing.ExternalTool;
import dev.ior.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flamegraph} against the real flamegraph.pl (the reference reader, kept in {@code
 * ../shared/third_party/FlameGraph}): on the real 80,162-line ior file and on edge cases both
 * draw the same frames with the same values and percentages, compared as the multisets of their
 * {@code <title>} texts (ours also draws grey "N frames merged" boxes where flamegraph.pl drops
 * narrow frames; those are left out of the comparison). Our SVG must parse as XML.
 */
class FlamegraphPlIT {
  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void realFileSameFramesAndTotals() throws Exception {
    Path in = TestData.decompressed(TestData.EARTH, dir);
    Map<String, Integer> ours = titles(ours(List.of(in.toString()), 8));
    Map<String, Integer> theirs = titles(reference(List.of(in.toString())));
    assertEquals(theirs, ours);
    assertEquals(2959, theirs.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(theirs.containsKey("all (966,341 samples, 100%)"), theirs.keySet().toString());
  }

  @Test
  void oddNamesSameFrames() throws Exception {
    Path in = Files.writeString(dir.resolve("odd.folded"), String.join("\n",
        "main;a b c;x<y>&\"z\" 3",
        "main;ünïcödé;日本語 2",
        "main;(parens) [brackets] {braces};%percent% 5",
        "main;;empty middle frame 1",
        "main;back\\slash\\n and \\x3b 1",
        "  leading spaces;frame 1",
        "main;two spaces before the count  4",
        "main;a b c;x<y>&\"z\" 2",
        "main;zero 0",
        "not a stack",
        "main;frame_[k] 1",
        "-;--;separators 1") + "\n");
    assertEquals(titles(reference(List.of(in.toString()))),
        titles(ours(List.of(in.toString()), 1)));
  }

  @Test
  void optionsHaveFlamegraphPlsMeaning() throws Exception {
    Path in = Files.writeString(dir.resolve("o.folded"),
        "a;b;c 5\na;b;d 3\nx;b;c 2\na;b;c 1\ny 40\nz;q 1\n");
    for (List<String> opts : List.of(List.of("--reverse"), List.of("--inverted"),
        List.of("--flamechart"), List.of("--total", "200"), List.of("--minwidth", "2%"),
        List.of("--countname", "calls"), List.of("--width", "300"))) {
      List<String> args = new ArrayList<>(opts);
      args.add(in.toString());
      assertEquals(titles(reference(args)), titles(ours(args, 0)), opts.toString());
    }
  }

  @Test
  void difffoldedInputAndDiffOptionDrawTheSameWidths() throws Exception {
    Path before = Files.writeString(dir.resolve("before.folded"),
        "m;a 10\nm;b 10\nm;b;c 4\ngone 3\n");
    Path after = Files.writeString(dir.resolve("after.folded"),
        "m;a 30\nm;b 5\nm;b;c 6\nnew 2\n");
    ExternalTool.Run diff = ExternalTool.run(60, List.of("perl",
        TestData.thirdParty("FlameGraph/difffolded.pl").toString(), before.toString(),
        after.toString()));
    assertEquals(0, diff.exitCode(), diff.stderr());
    Path folded = Files.writeString(dir.resolve("diff.folded"), diff.stdout());
    // flamegraph.pl's differential tooltips add the change of each frame's own samples;
    // ours the change of its total: compare names, values and shares.
    Map<String, Integer> theirs = widths(titles(reference(List.of(folded.toString()))));
    assertEquals(theirs, widths(titles(ours(List.of(folded.toString()), 0))));
    assertEquals(theirs, widths(titles(ours(List.of("--diff", before.toString(),
        after.toString()), 0))));
    assertTrue(theirs.containsKey("a (30 samples, 69.77%"), theirs.toString());
  }

  /** Runs bin/flamegraph; checks the exit code, the skipped-line count and well-formedness. */
  private static String ours(List<String> args, int skipped) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(CliProcess.repo().resolve("bin/flamegraph").toString());
    cmd.addAll(args);
    ExternalTool.Run r = ExternalTool.run(120, cmd);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(skipped, r.stderr().lines().filter(l -> l.contains(": skipped: ")).count(),
        r.stderr());
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.UTF_8)));
    return r.stdout();
  }

  private static String reference(List<String> args) throws IOException {
    ExternalTool.require("the flamegraph.pl comparison", "perl");
    List<String> cmd = new ArrayList<>(List.of("perl",
        TestData.thirdParty("FlameGraph/flamegraph.pl").toString()));
    cmd.addAll(args);
    ExternalTool.Run r = ExternalTool.run(120, cmd);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }

  /** Tooltip texts and how often each occurs, without our merged aggregates. */
  static Map<String, Integer> titles(String svg) {
    Map<String, Integer> counts = new TreeMap<>();
    Matcher m = TITLE.matcher(svg);
    while (m.find()) {
      String t = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
          .replace("&amp;", "&");
      if (!t.matches("\\d+ frames merged \\(.*")) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Differential tooltips up to the change: "name (N samples, P%". */
  static Map<String, Integer> widths(Map<String, Integer> titles) {
    return titles.entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().replaceAll("(; .*)?\\)$", ""), Map.Entry::getValue, Integer::sum,
        TreeMap::new));
  }
}
