// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.LineReport;
import dev.ior.testing.TestData;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real ior file rendered with default options: the root total is flamegraph.pl's 966,341,
 * the 8 malformed lines are reported, and the SVG is no larger than flamegraph.pl's 560 KB.
 */
class RealFileSvgTest {
  @Test
  void rendersTheRealFileWithinFlamegraphPlsSize() throws Exception {
    FrameTree.Builder b = FrameTree.builder();
    LineReport report;
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      report = CollapsedReader.stream(in, CollapsedOptions.defaults(), b::add);
    }
    assertEquals(8, report.malformedCount());
    FrameTree tree = b.build();
    assertEquals(966_341, tree.total());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SvgStats stats = SvgRenderer.render(tree, SvgOptions.defaults(), out);
    System.out.printf("real file: %d frames (%d merged), %d bytes%n", stats.frames(),
        stats.mergedFrames(), stats.bytes());
    assertEquals(966_341, stats.total());
    assertTrue(stats.bytes() <= 560_000, "SVG is " + stats.bytes() + " bytes");

    String svg = out.toString(StandardCharsets.UTF_8);
    List<SvgDom.FrameBox> frames = new SvgDom(svg).frames();
    assertEquals(stats.frames(), frames.size());
    assertEquals("all (966,341 samples, 100%)", frames.get(0).title());
    double perUnit = 1180.0 / 966_341;
    long merged = 0;
    for (SvgDom.FrameBox f : frames) {
      assertEquals(f.value() * perUnit, f.width(), 0.006, f.title());
      assertTrue(f.width() >= 0.1 - 0.006, "no frame below the minimum width: " + f.title());
      merged += f.name().endsWith(" frames merged") ? 1 : 0;
    }
    assertEquals(stats.mergedFrames(), merged);
  }
}
