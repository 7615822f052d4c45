// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ior.core.aggregate.AggregateWindow;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@code /debug/pprof/io?seconds=N}: a gzipped pprof profile of the I/O of the last N seconds
 * (default 30, at most the retention), the same multi-metric profile as {@code ior -pprof}
 * (sample types count, duration, durationToPrev, bytes; frames comm, path, syscall; pid, tid
 * labels), answered at once. {@code fields=} and {@code count=} choose another projection as
 * {@code -fields}/{@code -count} do. Scrapers that pull delta profiles (Parca, Pyroscope) ask
 * with {@code seconds} near their interval and get that interval's I/O.
 */
final class PprofHandler implements HttpHandler {
  static final int DEFAULT_SECONDS = 30;

  private final AggregateWindow window;
  private final int retentionSeconds;
  private final Supplier<String> notes;
  private final Clock clock;
  /**
   * One profile is built at a time: building takes memory in proportion to the window's rows
   * (the heap bin/.launch sizes holds one), sending only the gzipped bytes, so a client that
   * never reads holds its small body, not the permit.
   */
  private final Semaphore building = new Semaphore(1);

  /** @param notes the host, filters and losses, for the profile's comments */
  PprofHandler(AggregateWindow window, int retentionSeconds, Supplier<String> notes,
      Clock clock) {
    this.window = window;
    this.retentionSeconds = retentionSeconds;
    this.notes = notes;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!Http.allowGet(ex)) {
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      int seconds;
      Projection projection;
      try {
        seconds = seconds(q.get("seconds"));
        projection = Projection.parse(q.getOrDefault("fields", "comm,path,tracepoint"),
            q.getOrDefault("count", "count"));
      } catch (IllegalArgumentException e) {
        Http.text(ex, 400, e.getMessage() + "\n");
        return;
      }
      byte[] body;
      building.acquireUninterruptibly();
      try {
        body = profile(seconds, projection);
      } finally {
        building.release();
      }
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"io.pb.gz\"");
      Http.send(ex, 200, body);
    }
  }

  /** The gzipped profile of the last {@code seconds}. */
  private byte[] profile(int seconds, Projection projection) throws IOException {
    AggregateWindow.Rows rows = window.window(Duration.ofSeconds(seconds));
    Instant end = clock.instant();
    long endNs = end.getEpochSecond() * 1_000_000_000L + end.getNano();
    ProfileInfo info = new ProfileInfo(endNs - rows.durationNs(), rows.durationNs(),
        List.of("ior serve: last " + seconds + " s, " + projection.describe(), notes.get()),
        true);
    StackProfile profile = projection.project(rows.rows(), info);
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 14);
    PprofWriter.write(profile, body);
    return body.toByteArray();
  }

  private int seconds(String value) {
    if (value == null) {
      return Math.min(DEFAULT_SECONDS, retentionSeconds);
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > retentionSeconds) {
      throw new IllegalArgumentException("seconds must be a whole number from 1 to "
          + retentionSeconds + " (-pprof-window), got '" + value + "'");
    }
    return n;
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
