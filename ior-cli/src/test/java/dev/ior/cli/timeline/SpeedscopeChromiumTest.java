// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ior.cli.testing.IorRun;
import dev.ior.testing.Chromium;
import dev.ior.testing.ExternalTool;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timeline from {@code ior -replay -timeline} opened in a real viewer that works offline:
 * speedscope's web app (its npm package) served from 127.0.0.1 with the trace, in headless
 * Chromium, which must list the threads as profiles and draw the calls (the screenshot is kept
 * in target/chromium). Skips without Chromium or the package unless IOR_REQUIRE_TOOLS=1.
 */
class SpeedscopeChromiumTest {
  @TempDir Path dir;

  @Test
  void speedscopeShowsEveryThreadsCalls() throws Exception {
    Path browser = ExternalTool.require("viewing the timeline in a browser", "chromium",
        "chromium-browser", "google-chrome");
    Path app = ExternalTool.npmPackage("viewing the timeline", "speedscope")
        .resolve("dist/release");
    Path rec = TimelineCliTest.recording(dir.resolve("w.iorrec"), 300);
    Path trace = dir.resolve("trace.json");
    IorRun.Result r = IorRun.run("-replay", rec.toString(), "-timeline", trace.toString());
    assertEquals(0, r.code(), r.err());

    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> serve(x, x.getRequestURI().getPath().equals("/trace.json")
        ? trace : app.resolve(x.getRequestURI().getPath().substring(1)).normalize(), app, trace));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      try (Chromium c = Chromium.open(browser, base + "/index.html#profileURL=" + base
          + "/trace.json", dir.resolve("profile"), 1400, 800)) {
        c.call("Page.enable", "{}");
        String text = awaitText(c, "postgres (pid 100)");
        assertTrue(text.contains("(1/8)"), "one profile per thread: " + text);
        TimeUnit.MILLISECONDS.sleep(500); // the flame chart is drawn on the next frame
        BufferedImage shot = c.screenshot(Files.createDirectories(Path.of("target", "chromium"))
            .resolve("speedscope-timeline.png"));
        assertTrue(coloured(shot, 30, 110) > 500, "the timeline shows the calls as coloured"
            + " slices");
      }
    } finally {
      server.stop(0);
    }
  }

  private static void serve(HttpExchange x, Path file, Path app, Path trace) throws IOException {
    try (x) {
      if (!file.equals(trace) && (!file.startsWith(app) || !Files.isRegularFile(file))) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      String name = file.getFileName().toString();
      String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js")
          ? "text/javascript" : name.endsWith(".css") ? "text/css" : name.endsWith(".json")
          ? "application/json" : name.endsWith(".wasm") ? "application/wasm"
          : "application/octet-stream";
      x.getResponseHeaders().add("Content-Type", type);
      byte[] body = Files.readAllBytes(file);
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String awaitText(Chromium c, String text) throws Exception {
    String seen = "";
    for (int i = 0; i < 300; i++) {
      Object t = c.eval("document.body ? document.body.innerText : ''");
      seen = t == null ? "" : t.toString();
      if (seen.contains(text)) {
        return seen;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("speedscope did not show '" + text + "'; page text: " + seen);
  }

  /** Pixels in rows [top, bottom) that are clearly coloured (not white, grey or black). */
  private static int coloured(BufferedImage img, int top, int bottom) {
    int n = 0;
    for (int y = top; y < Math.min(bottom, img.getHeight()); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          n++;
        }
      }
    }
    return n;
  }
}
