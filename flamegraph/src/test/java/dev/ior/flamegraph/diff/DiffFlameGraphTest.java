// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Colours and tooltips of the differential SVG, and the difffolded text format. */
class DiffFlameGraphTest {
  private static final Pattern FRAME = Pattern.compile(
      "<g><title>([^<]*) \\(([^)]*)\\)</title><rect [^>]*fill=\"#([0-9a-f]{6})\"");

  static StackProfile folded(String text) throws IOException {
    return CollapsedReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        CollapsedOptions.defaults()).profile();
  }

  private static final String BEFORE = "main;read 100\nmain;write 100\nmain;stat 50\n";
  private static final String AFTER = "main;read 300\nmain;write 20\nmain;stat 50\n";

  @Test
  void grewIsRedShrankIsBlueUnchangedIsPale() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffFlameGraph.render(folded(BEFORE), 0, folded(AFTER), 0, false,
        SvgOptions.defaults(), out);
    String svg = out.toString(StandardCharsets.UTF_8);
    Map<String, int[]> fill = new HashMap<>();
    Map<String, String> tip = new HashMap<>();
    Matcher m = FRAME.matcher(svg);
    while (m.find()) {
      int rgb = Integer.parseInt(m.group(3), 16);
      fill.put(m.group(1), new int[] {rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff});
      tip.put(m.group(1), m.group(2));
    }
    int[] read = fill.get("read"); // +200: the largest change, full red
    assertEquals(255, read[0]);
    assertTrue(read[1] < 10 && read[2] < 10, "strong red");
    int[] write = fill.get("write"); // -80: blue, weaker than read's red
    assertEquals(255, write[2]);
    assertTrue(write[0] > 100 && write[0] < 200, "medium blue");
    int[] stat = fill.get("stat");
    assertTrue(stat[0] == stat[2] && stat[0] > 230, "unchanged is near white");
    assertEquals("300 samples, 81.08%; was 100, +200", tip.get("read"));
    assertEquals("20 samples, 5.41%; was 100, -80", tip.get("write"));
    assertTrue(svg.contains(">grew</text>") && svg.contains(">shrank</text>"));
  }

  @Test
  void normalizingHidesAUniformlyLongerRun() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffFlameGraph.render(folded("a;b 10\na;c 30\n"), 0, folded("a;b 20\na;c 60\n"), 0, true,
        SvgOptions.defaults(), out);
    Matcher m = FRAME.matcher(out.toString(StandardCharsets.UTF_8));
    int frames = 0;
    while (m.find()) {
      assertEquals("f4f4f4", m.group(3), m.group(1) + " should be unchanged");
      frames++;
    }
    assertEquals(4, frames);
  }

  @Test
  void writesDifffoldedColumnsSortedAndEscaped() throws IOException {
    StringWriter w = new StringWriter();
    DiffFlameGraph.writeFolded(folded(BEFORE + "main;x\\x3by 5\n"), 0, folded(AFTER), 0, false, w);
    assertEquals("main;read 100 300\nmain;stat 50 50\nmain;write 100 20\nmain;x\\x3by 5 0\n",
        w.toString());
    StringWriter n = new StringWriter();
    DiffFlameGraph.writeFolded(folded("a 10\n"), 0, folded("a 15\nb 15\n"), 0, true, n);
    assertEquals("a 30 15\nb 0 15\n", n.toString());
  }
}
