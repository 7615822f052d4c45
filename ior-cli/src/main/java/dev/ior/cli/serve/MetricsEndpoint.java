// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}, streamed: the format the scraper's {@code Accept} header asks for (the
 * Prometheus client's negotiation: text, OpenMetrics or protobuf), gzip when it accepts it,
 * chunked, written while the series are read ({@link SeriesExposition}) and then the small
 * families of the registry (ior's health, the series cap, the process metrics) through the
 * client's writer. Memory per scrape is one page of series and the output buffer, whatever the
 * number of series and however slowly the client reads.
 */
final class MetricsEndpoint implements HttpHandler {
  private static final int BUFFER = 64 * 1024;

  private final SeriesExposition series;
  private final PrometheusRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsEndpoint(SeriesExposition series, PrometheusRegistry registry) {
    this.series = series;
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!Http.allowGet(ex)) {
        return;
      }
      ExpositionFormatWriter writer = formats.findWriter(ex.getRequestHeaders()
          .getFirst("Accept"));
      SeriesExposition.Format format;
      if (writer instanceof PrometheusProtobufWriter && writer.isAvailable()) {
        format = SeriesExposition.Format.PROTOBUF;
      } else if (writer instanceof OpenMetricsTextFormatWriter) {
        format = SeriesExposition.Format.OPENMETRICS;
      } else {
        writer = formats.getPrometheusTextFormatWriter();
        format = SeriesExposition.Format.TEXT;
      }
      ex.getResponseHeaders().set("Content-Type", writer.getContentType());
      boolean gzip = acceptsGzip(ex.getRequestHeaders().getFirst("Accept-Encoding"));
      if (gzip) {
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, 0); // chunked
      OutputStream body = ex.getResponseBody();
      try (OutputStream out = gzip ? new FastGzip(body) : new BufferedOutputStream(body, BUFFER)) {
        series.write(format, out, writer);
        writer.write(out, registry.scrape());
      }
    }
  }

  /** gzip at the fastest level: 24 MB of exposition in a fraction of the default's CPU. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] codingAndQ = part.trim().split(";");
      if (codingAndQ[0].trim().equalsIgnoreCase("gzip")) {
        return codingAndQ.length < 2 || !codingAndQ[1].replace(" ", "").equals("q=0");
      }
    }
    return false;
  }
}
