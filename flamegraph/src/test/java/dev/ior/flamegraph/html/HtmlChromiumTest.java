// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.testing.Chromium;
import dev.ior.flamegraph.testing.DeepStacks;
import dev.ior.testing.ExternalTool;
import dev.ior.testing.MiniJson;
import dev.ior.testing.TestData;
import dev.ior.flamegraph.tree.FrameNode;
import dev.ior.flamegraph.tree.FrameTree;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page of the real file in headless Chromium: all 122,353 frames embedded, a click
 * zooms so that frames the SVG had to merge get drawn, and typing a search into the box and
 * pressing Enter reports the matched share over the whole tree. Skips without Chromium unless
 * IOR_REQUIRE_TOOLS=1.
 */
class HtmlChromiumTest {
  @TempDir Path dir;

  @Test
  void realFileZoomsIntoNarrowFramesAndSearchesAll() throws Exception {
    Path browser = ExternalTool.require("checking the HTML page in a browser", "chromium",
        "chromium-browser", "google-chrome");
    FrameTree tree = realTree();
    Path page = dir.resolve("earth.html");
    HtmlStats stats;
    try (OutputStream out = Files.newOutputStream(page)) {
      stats = HtmlRenderer.render(tree, SvgOptions.defaults(), out);
    }
    assertEquals(tree.nodeCount(), stats.frames(), "nothing merged at this size");
    List<FrameNode> preorder = new ArrayList<>();
    preorder(tree.root(), preorder);
    try (Chromium c = Chromium.open(browser, page.toUri().toString(), dir.resolve("profile"),
        1200, 600)) {
      c.call("Page.enable", "{}");
      c.call("Emulation.setDeviceMetricsOverride",
          "{\"width\":1200,\"height\":600,\"deviceScaleFactor\":1,\"mobile\":false}");
      awaitReady(c);
      assertEquals((double) stats.frames(), c.eval("window.flamegraph.frames"));
      int target = busiest(preorder, tree.total());
      FrameNode zoomed = preorder.get(target);
      clickAt(c, center(c, target));
      assertEquals(zoomed.name(), c.eval("document.body.getAttribute('data-zoom')"));
      double canvasWidth = (Double) c.eval("document.getElementById('canvas').clientWidth");
      FrameNode narrow = narrowestChild(zoomed);
      int narrowIndex = preorder.indexOf(narrow);
      assertEquals(canvasWidth * narrow.value() / zoomed.value(),
          (Double) c.eval("window.flamegraph.boxOf(" + narrowIndex + ").w"), 1e-6);
      searchByTyping(c, "^enter_read$");
      assertEquals(expectedMatch(tree.root(), tree.total()),
          c.eval("document.getElementById('matched').textContent"));
      BufferedImage shot = c.screenshot(Files.createDirectories(Path.of("target", "chromium"))
          .resolve("earth-html-zoomed-searched.png"));
      assertTrue(shot.getWidth() > 0, "a real picture");
    }
  }

  /**
   * A stack 10,000 frames deep is 160,000 px tall, more than a browser draws on one canvas:
   * the page shows a window of rows from the zoomed frame's depth, so every frame is reachable.
   */
  @Test
  void tenThousandFramesDeepStayDrawable() throws Exception {
    Path browser = ExternalTool.require("checking the HTML page in a browser", "chromium",
        "chromium-browser", "google-chrome");
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(DeepStacks.stack("read"), Map.of(), 5)
        .add(List.of(Frame.of("shallow")), Map.of(), 5)
        .build();
    Path page = dir.resolve("deep.html");
    try (OutputStream out = Files.newOutputStream(page)) {
      HtmlRenderer.render(FrameTree.of(p, 0), SvgOptions.defaults(), out);
    }
    try (Chromium c = Chromium.open(browser, page.toUri().toString(), dir.resolve("profile"),
        1200, 600)) {
      awaitReady(c);
      double height = (Double) c.eval("document.getElementById('canvas').height");
      assertTrue(height > 0 && height <= 32000, "canvas " + height + " px");
      int deep = 9_000; // pre-order index = depth on the deep chain (root 0, then /d0, ...)
      c.eval("window.flamegraph.zoom(" + deep + ")");
      double y = ((Number) c.eval("window.flamegraph.boxOf(" + deep + ").y")).doubleValue();
      assertTrue(y >= 0 && y < height, "the zoomed frame is on the canvas: y " + y);
      assertEquals("/d8999", c.eval("window.flamegraph.nameOf(" + deep + ")"));
    }
  }

  private static FrameTree realTree() throws Exception {
    FrameTree.Builder b = FrameTree.builder();
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      CollapsedReader.stream(in, CollapsedOptions.defaults(), b::add);
    }
    return b.build();
  }

  private static void preorder(FrameNode n, List<FrameNode> out) {
    out.add(n);
    n.children().forEach(c -> preorder(c, out));
  }

  /** Pre-order index of the node with the most children below 1% of the total. */
  private static int busiest(List<FrameNode> nodes, long total) {
    int best = 1;
    for (int i = 1; i < nodes.size(); i++) {
      FrameNode n = nodes.get(i);
      if (n.value() * 100 < total * 80 && n.value() * 1180 > total * 40
          && n.children().size() > nodes.get(best).children().size()) {
        best = i;
      }
    }
    return best;
  }

  private static FrameNode narrowestChild(FrameNode n) {
    FrameNode min = n.children().get(0);
    for (FrameNode c : n.children()) {
      min = c.value() < min.value() ? c : min;
    }
    return min;
  }

  /** "Matched: P% (N frames)" over the whole tree; a match's subtree is not searched twice. */
  private static String expectedMatch(FrameNode root, long total) {
    long[] acc = new long[2];
    walk(root, acc, false);
    return String.format(Locale.ROOT, "Matched: %.2f%% (%d frames)", 100.0 * acc[0] / total,
        acc[1]);
  }

  private static void walk(FrameNode n, long[] acc, boolean covered) {
    boolean hit = n.name().equals("enter_read");
    if (hit) {
      acc[1]++;
      if (!covered) {
        acc[0] += n.value();
      }
    }
    for (FrameNode c : n.children()) {
      walk(c, acc, covered || hit);
    }
  }

  private static void awaitReady(Chromium c) throws Exception {
    for (int i = 0; i < 300; i++) {
      if ("1".equals(c.eval("document.body && document.body.getAttribute('data-ready')"))) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("page script did not start");
  }

  @SuppressWarnings("unchecked")
  private static double[] center(Chromium c, int frame) throws Exception {
    Map<String, Object> r = (Map<String, Object>) c.eval("(() => { const b = window.flamegraph"
        + ".boxOf(" + frame + "), r = document.getElementById('canvas').getBoundingClientRect();"
        + " return {x: r.left + b.x + b.w / 2, y: r.top + b.y + b.h / 2}; })()");
    return new double[] {(Double) r.get("x"), (Double) r.get("y")};
  }

  private static void clickAt(Chromium c, double[] xy) throws Exception {
    for (var f : c.click(xy[0], xy[1])) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  /** Clicks into the search box, types the term and presses Enter, as a person would. */
  @SuppressWarnings("unchecked")
  private static void searchByTyping(Chromium c, String term) throws Exception {
    Map<String, Object> r = (Map<String, Object>) c.eval("(() => { const b = document"
        + ".getElementById('search').getBoundingClientRect();"
        + " return {x: b.left + b.width / 2, y: b.top + b.height / 2}; })()");
    clickAt(c, new double[] {(Double) r.get("x"), (Double) r.get("y")});
    c.call("Input.insertText", "{\"text\":" + MiniJson.quote(term) + "}");
    c.call("Input.dispatchKeyEvent", "{\"type\":\"keyDown\",\"key\":\"Enter\",\"code\":\"Enter\","
        + "\"windowsVirtualKeyCode\":13,\"text\":\"\\r\"}");
    c.call("Input.dispatchKeyEvent", "{\"type\":\"keyUp\",\"key\":\"Enter\",\"code\":\"Enter\","
        + "\"windowsVirtualKeyCode\":13}");
  }
}
