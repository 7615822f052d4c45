// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ior.core.stats.TraceStats;
import dev.ior.flamegraph.svg.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/** {@code /}: a small page linking the endpoints, with the filters and every loss so far. */
final class IndexPage implements HttpHandler {
  private final String filters;
  private final Supplier<TraceStats> stats;

  IndexPage(String filters, Supplier<TraceStats> stats) {
    this.filters = filters;
    this.stats = stats;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!Http.allowGet(ex)) {
        return;
      }
      if (!ex.getRequestURI().getPath().equals("/")) {
        Http.text(ex, 404, "not found: try /, /metrics or /debug/pprof/io\n");
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      Http.send(ex, 200, page().getBytes(StandardCharsets.UTF_8));
    }
  }

  String page() {
    TraceStats s = stats.get();
    String losses = s == null ? "no counters yet" : s.losses() + String.format(Locale.ROOT,
        " (records read: %,d)", s.records().total());
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ior serve</title></head>"
        + "<body>\n<h1>ior serve</h1>\n"
        + "<p>Tracing file-I/O syscalls " + Text.xml(filters.strip()) + ".</p>\n"
        + "<p>Lost so far: " + Text.xml(losses) + ".</p>\n<ul>\n"
        + "<li><a href=\"metrics\">/metrics</a>: Prometheus metrics (text, OpenMetrics,"
        + " protobuf with native histograms)</li>\n"
        + "<li><a href=\"debug/pprof/io?seconds=" + PprofHandler.DEFAULT_SECONDS
        + "\">/debug/pprof/io?seconds=" + PprofHandler.DEFAULT_SECONDS + "</a>: pprof profile"
        + " of the last seconds' I/O (<code>go tool pprof</code>, Parca, Pyroscope)</li>\n"
        + "</ul>\n</body></html>\n";
  }
}
