// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.testing.Chromium;
import dev.ior.testing.ExternalTool;
import dev.ior.testing.MiniJson;
import dev.ior.testing.TestData;
import dev.ior.flamegraph.tree.FrameTree;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the flame graph of the real ior file in headless Chromium (Debian package chromium) and
 * uses it as a person would: screenshot, click a frame to zoom, search with the Search button's
 * prompt, Escape to reset. Screenshots are kept in target/chromium for a look. Skips without
 * Chromium unless IOR_REQUIRE_TOOLS=1.
 */
class ChromiumFlameGraphTest {
  private static final String SEARCH_FILL = "#e040fb";

  @TempDir Path dir;

  @Test
  void realFlameGraphRendersZoomsAndSearches() throws Exception {
    Path browser = ExternalTool.require("checking the SVG in a browser", "chromium",
        "chromium-browser", "google-chrome");
    Path svgFile = dir.resolve("earth.svg");
    SvgStats stats = renderRealFile(svgFile);
    List<SvgDom.FrameBox> boxes = new SvgDom(Files.readString(svgFile)).frames();
    Path artifacts = Files.createDirectories(Path.of("target", "chromium"));

    try (Chromium c = Chromium.open(browser, svgFile.toUri().toString(), dir.resolve("profile"),
        1200, stats.height())) {
      c.call("Page.enable", "{}");
      // --window-size includes room for window decorations; pin the viewport to the image.
      c.call("Emulation.setDeviceMetricsOverride", "{\"width\":1200,\"height\":"
          + stats.height() + ",\"deviceScaleFactor\":1,\"mobile\":false}");
      awaitReady(c);
      assertEquals((double) stats.frames(),
          c.eval("document.querySelectorAll('#frames > g').length"));
      checkScreenshot(c, boxes, artifacts.resolve("earth.png"));
      int target = busiestBelowDepth(boxes, boxes.get(0).y() - 32);
      checkZoom(c, boxes, target);
      checkSearch(c, boxes, stats.total());
      c.screenshot(artifacts.resolve("earth-zoomed-searched.png"));
      checkEscapeResets(c, boxes.get(target), target);
    }
  }

  @Test
  void icicleZoomAndSearchFromUrlFragment() throws Exception {
    Path browser = ExternalTool.require("checking the SVG in a browser", "chromium",
        "chromium-browser", "google-chrome");
    Path svgFile = dir.resolve("icicle.svg");
    SvgStats stats;
    try (OutputStream out = Files.newOutputStream(svgFile)) {
      stats = SvgRenderer.render(FrameTree.of(SvgRendererTest.sample(), 0),
          SvgOptions.defaults().withInverted(true), out);
    }
    String url = svgFile.toUri() + "#s=" + java.net.URLEncoder.encode("^read$", "UTF-8");
    try (Chromium c = Chromium.open(browser, url, dir.resolve("profile"), 1200,
        stats.height())) {
      c.call("Page.enable", "{}");
      c.call("Emulation.setDeviceMetricsOverride", "{\"width\":1200,\"height\":"
          + stats.height() + ",\"deviceScaleFactor\":1,\"mobile\":false}");
      awaitReady(c);
      // Both "read" frames (600 + 100 of 1000) match; they do not nest.
      assertEquals("Matched: 70.00% (2 frames)",
          c.eval("document.getElementById('matched').textContent"));
      clickFrame(c, 2); // /etc, depth 2, drawn below bash in an icicle graph
      assertEquals("/etc", c.eval("document.documentElement.getAttribute('data-zoom')"));
      assertEquals("1180.00", rectAttr(c, 2, "width"));
      assertEquals(true, c.eval(frameJs(1) + ".classList.contains('parent')"));
      assertEquals(true, c.eval(frameJs(5) + ".classList.contains('hide')")); // cat
      assertEquals("885.00", rectAttr(c, 4, "width")); // read: 600 of /etc's 800
    }
  }

  /** The root frame's pixels have its fill colour, and the frame area is colourful. */
  private static void checkScreenshot(Chromium c, List<SvgDom.FrameBox> boxes, Path png)
      throws Exception {
    BufferedImage shot = c.screenshot(png);
    SvgDom.FrameBox root = boxes.get(0);
    assertColor(root.fill(), shot.getRGB(600, (int) root.y() + 7));
    assertTrue(distinctColors(shot, (int) root.y() - 100, (int) root.y()) > 30,
        "the frame area shows many coloured frames");
  }

  /** A real click zooms: the frame fills the width, ancestors fade, others hide. */
  private static void checkZoom(Chromium c, List<SvgDom.FrameBox> boxes, int target)
      throws Exception {
    SvgDom.FrameBox zoomed = boxes.get(target);
    clickFrame(c, target);
    assertEquals(zoomed.name(), c.eval("document.documentElement.getAttribute('data-zoom')"));
    assertEquals("1180.00", rectAttr(c, target, "width"));
    assertEquals(false, c.eval("document.getElementById('unzoom').classList.contains('hide')"));
    assertEquals(true, c.eval(frameJs(0) + ".classList.contains('parent')"));
    assertTrue((Double) c.eval("document.querySelectorAll('#frames > g.hide').length") > 100);
    SvgDom.FrameBox child = boxes.get(target + 1); // pre-order: its first child
    double expected = child.width() * 1180 / zoomed.width();
    assertEquals(expected, Double.parseDouble(rectAttr(c, target + 1, "width")),
        expected * 0.02 + 0.05);
  }

  /** Search through the button's prompt highlights every match and reports their share. */
  private static void checkSearch(Chromium c, List<SvgDom.FrameBox> boxes, long total)
      throws Exception {
    searchWithPrompt(c, "^enter_read$");
    long matched = 0;
    int count = 0;
    for (SvgDom.FrameBox b : boxes) {
      if (b.name().equals("enter_read")) {
        matched += b.value();
        count++;
      }
    }
    String pct = String.format(Locale.ROOT, "%.2f", 100.0 * matched / total);
    assertEquals("Matched: " + pct + "% (" + count + " frames)",
        c.eval("document.getElementById('matched').textContent"));
    assertEquals((double) count, c.eval("[...document.querySelectorAll('#frames rect')]"
        + ".filter(r => r.getAttribute('fill') === '" + SEARCH_FILL + "').length"));
  }

  private static void checkEscapeResets(Chromium c, SvgDom.FrameBox zoomed, int target)
      throws Exception {
    c.call("Input.dispatchKeyEvent", "{\"type\":\"keyDown\",\"key\":\"Escape\","
        + "\"code\":\"Escape\",\"windowsVirtualKeyCode\":27}");
    assertNull(c.eval("document.documentElement.getAttribute('data-zoom')"));
    assertEquals(" ", c.eval("document.getElementById('matched').textContent"));
    assertEquals(String.format(Locale.ROOT, "%.2f", zoomed.width()),
        rectAttr(c, target, "width"));
  }

  private static SvgStats renderRealFile(Path out) throws Exception {
    CollapsedOptions o = CollapsedOptions.defaults().withKindRules(List.of(
        new CollapsedOptions.KindRule(Pattern.compile("^enter_"), "syscall"),
        new CollapsedOptions.KindRule(Pattern.compile("^/"), "path"),
        new CollapsedOptions.KindRule(Pattern.compile("^[0-9]+$"), "process")));
    FrameTree.Builder b = FrameTree.builder();
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      CollapsedReader.stream(in, o, b::add);
    }
    try (OutputStream s = Files.newOutputStream(out)) {
      return SvgRenderer.render(b.build(), SvgOptions.defaults()
          .withTitle("ior on earth: pid;path;tracepoint").withCountName("syscalls"), s);
    }
  }

  private static void awaitReady(Chromium c) throws Exception {
    for (int i = 0; i < 300; i++) {
      if ("1".equals(c.eval("document.documentElement.getAttribute('data-ready')"))) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("flame graph script did not start");
  }

  private static String frameJs(int i) {
    return "document.querySelectorAll('#frames > g')[" + i + "]";
  }

  private static String rectAttr(Chromium c, int i, String attr) throws Exception {
    return (String) c.eval(frameJs(i) + ".querySelector('rect').getAttribute('" + attr + "')");
  }

  /** Index of the frame at or above y (depth 2 and deeper) with the most drawn descendants. */
  private static int busiestBelowDepth(List<SvgDom.FrameBox> boxes, double maxY) {
    int best = -1;
    int bestCount = 0;
    for (int i = 0; i < boxes.size(); i++) {
      SvgDom.FrameBox b = boxes.get(i);
      int descendants = 0; // pre-order: descendants follow, drawn above (smaller y)
      while (i + descendants + 1 < boxes.size() && boxes.get(i + descendants + 1).y() < b.y()) {
        descendants++;
      }
      if (b.y() <= maxY && b.width() < 1000 && descendants > bestCount) {
        best = i;
        bestCount = descendants;
      }
    }
    return best;
  }

  @SuppressWarnings("unchecked")
  private static void clickFrame(Chromium c, int i) throws Exception {
    Map<String, Object> r = (Map<String, Object>) c.eval("(() => { const b = " + frameJs(i)
        + ".querySelector('rect').getBoundingClientRect();"
        + " return {x: b.x + b.width / 2, y: b.y + b.height / 2}; })()");
    for (var f : c.click((Double) r.get("x"), (Double) r.get("y"))) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  /** Clicks "Search", answers the prompt, and waits until the page has handled both. */
  @SuppressWarnings("unchecked")
  private static void searchWithPrompt(Chromium c, String term) throws Exception {
    Map<String, Object> r = (Map<String, Object>) c.eval("(() => { const b = document"
        + ".getElementById('search').getBoundingClientRect();"
        + " return {x: b.x + b.width / 2, y: b.y + b.height / 2}; })()");
    var pendingClick = c.click((Double) r.get("x"), (Double) r.get("y"));
    Object dialog = c.awaitEvent("Page.javascriptDialogOpening", 30);
    assertEquals("prompt", MiniJson.at(dialog, "params", "type"));
    c.call("Page.handleJavaScriptDialog",
        "{\"accept\":true,\"promptText\":" + MiniJson.quote(term) + "}");
    for (var f : pendingClick) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  private static void assertColor(String hex, int argb) {
    int expected = Integer.parseInt(hex.substring(1), 16);
    for (int shift = 0; shift <= 16; shift += 8) {
      int want = (expected >> shift) & 0xff;
      int got = (argb >> shift) & 0xff;
      assertTrue(Math.abs(want - got) <= 3, String.format("pixel %06x, fill %s", argb & 0xffffff,
          hex));
    }
  }

  private static int distinctColors(BufferedImage img, int fromY, int toY) {
    Set<Integer> colors = new HashSet<>();
    for (int y = Math.max(0, fromY); y < toY; y += 3) {
      for (int x = 10; x < 1190; x += 3) {
        colors.add(img.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
