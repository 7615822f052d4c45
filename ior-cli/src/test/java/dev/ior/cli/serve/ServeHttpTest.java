// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.GoPprofTool;
import dev.ior.core.event.PairRecord;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallTable;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of {@code ior serve} without a kernel trace: synthetic pairs into its sinks,
 * then what a scraper, a browser and {@code go tool pprof} get.
 */
class ServeHttpTest {
  private static final SyscallTable TABLE = SyscallTable.standard();

  @TempDir Path dir;
  private ServeOutput serve;
  private String base;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    ExporterServer http = ExporterServer.bind(new InetSocketAddress("127.0.0.1", 0));
    serve = new ServeOutput(http, new MetricsOptions(100, java.time.Duration.ofMinutes(5)),
        PairLabels.CURRENT, 60, " of comm ~ <db>", "testhost");
    TraceStats stats = new TraceStats(1, new TraceStats.Records(40, 20, 20),
        new TraceStats.Calls(20, 20, 1, 0, 0, 0, 0), new TraceStats.Bytes(0, 0, 0),
        new TraceStats.Names(0, 0, 0), new TraceStats.Uring(0, 0), Losses.builder().add(LossKind.RING_FULL, 3).add(LossKind.EXIT_WITHOUT_ENTER, 2).build());
    serve.serve(() -> stats);
    base = "http://127.0.0.1:" + http.address().getPort();
    var sink = serve.sink();
    for (int i = 0; i < 5; i++) {
      sink.accept(pair("db", 10, "write", "/data/x", 2_000, 100));
    }
    sink.accept(pair("db", 10, "read", "/data/x", 40_000, 4096));
    sink.accept(pair("web", 11, "openat", "/etc/missing", 3_000, -2));
  }

  @AfterEach
  void stop() {
    serve.finish(null, null);
  }

  private static PairRecord pair(String comm, int pid, String syscall, String file, long ns,
      long ret) {
    var s = TABLE.byName(syscall);
    long bytes = ret > 0 && s.io() != dev.ior.core.syscall.IoKind.NONE ? ret : 0;
    return new PairRecord(s, pid, pid, comm, 1_000, 1_000 + ns, 500, ret, 3, file, null, 0,
        bytes);
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
    if (accept != null) {
      r.header("Accept", accept);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String text(String path) throws Exception {
    HttpResponse<byte[]> r = get(path, null);
    assertEquals(200, r.statusCode(), path);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void metricsInThePrometheusTextFormat() throws Exception {
    String m = text("/metrics");
    assertTrue(m.contains("ior_syscalls_total{comm=\"db\",syscall=\"write\"} 5.0\n"), m);
    assertTrue(m.contains("ior_syscall_bytes_total{comm=\"db\",direction=\"write\","
        + "syscall=\"write\"} 500.0\n"), m);
    assertTrue(m.contains("ior_syscall_bytes_total{comm=\"db\",direction=\"read\","
        + "syscall=\"read\"} 4096.0\n"), m);
    assertTrue(m.contains("ior_syscall_errors_total{comm=\"web\",errno=\"ENOENT\","
        + "syscall=\"openat\"} 1.0\n"), m);
    assertTrue(m.contains("ior_syscall_duration_seconds_bucket{comm=\"db\",syscall=\"write\","
        + "le=\"2.5E-6\"} 5\n"), m);
    assertTrue(m.contains("ior_syscall_duration_seconds_bucket{comm=\"db\",syscall=\"read\","
        + "le=\"2.5E-5\"} 0\n"), m);
    assertTrue(m.contains("ior_syscall_duration_seconds_bucket{comm=\"db\",syscall=\"read\","
        + "le=\"5.0E-5\"} 1\n"), m);
    assertTrue(m.contains("ior_syscall_duration_seconds_count{comm=\"db\",syscall=\"write\"} 5\n"),
        m);
    assertTrue(m.contains("ior_lost_total{kind=\"ring_full\"} 3.0\n"), m);
    assertTrue(m.contains("ior_lost_total{kind=\"exit_without_enter\"} 2.0\n"), m);
    assertTrue(m.contains("ior_records_total 40.0\n"), m);
    assertTrue(m.contains("ior_series 3.0\n"), m);
    assertTrue(m.contains("ior_series_limit 100.0\n"), m);
    assertTrue(m.contains("\nprocess_resident_memory_bytes "), m);
    assertTrue(m.contains("\nior_consumer_cpu_seconds_total "), m);
  }

  @Test
  void openMetricsAndProtobufWhenTheScraperAsks() throws Exception {
    HttpResponse<byte[]> om = get("/metrics", "application/openmetrics-text; version=1.0.0");
    String body = new String(om.body(), StandardCharsets.UTF_8);
    assertTrue(om.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/openmetrics-text"), om.headers().toString());
    assertTrue(body.endsWith("# EOF\n"), body);
    HttpResponse<byte[]> pb = get("/metrics", "application/vnd.google.protobuf;"
        + "proto=io.prometheus.client.MetricFamily;encoding=delimited");
    assertTrue(pb.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/vnd.google.protobuf"), pb.headers().toString());
    // The native histogram's schema (1) and its buckets are only in the protobuf format.
    String raw = new String(pb.body(), StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("ior_syscall_duration_seconds"), "histogram in protobuf");
  }

  @Test
  void pprofOfTheLastSecondsReadByGoToolPprof() throws Exception {
    HttpResponse<byte[]> r = get("/debug/pprof/io?seconds=5", null);
    assertEquals(200, r.statusCode());
    Path profile = dir.resolve("io.pb.gz");
    Files.write(profile, r.body());
    // count, duration, durationToPrev, bytes: 7 calls, 5×2 µs + 40 µs + 3 µs, 7 × 500 ns.
    assertArrayEquals(new long[] {7, 53_000, 3_500, 4596}, GoPprofTool.rawTotals(profile));
    String top = GoPprofTool.run(profile, "-top", "-sample_index=bytes");
    assertTrue(top.contains("4096B 89.12%"), top);

    HttpResponse<byte[]> byBytes = get("/debug/pprof/io?seconds=5&fields=pid,path&count=bytes",
        null);
    Files.write(profile, byBytes.body());
    assertTrue(GoPprofTool.run(profile, "-raw").contains("bytes/bytes[dflt]"));

    HttpResponse<byte[]> bad = get("/debug/pprof/io?seconds=0", null);
    assertEquals(400, bad.statusCode());
    assertEquals("seconds must be a whole number from 1 to 60 (-pprof-window), got '0'\n",
        new String(bad.body(), StandardCharsets.UTF_8));
    HttpResponse<byte[]> field = get("/debug/pprof/io?fields=inode", null);
    assertEquals(400, field.statusCode());
    assertTrue(new String(field.body(), StandardCharsets.UTF_8).startsWith(
        "unknown field 'inode'"));
  }

  @Test
  void indexPageLinksTheEndpointsAndEscapesNames() throws Exception {
    String page = text("/");
    assertTrue(page.contains("<a href=\"metrics\">"), page);
    assertTrue(page.contains("<a href=\"debug/pprof/io?seconds=30\">"), page);
    assertTrue(page.contains("of comm ~ &lt;db&gt;"), page);
    assertTrue(page.contains("ring full 3"), page);
    assertEquals(404, get("/nope", null).statusCode());
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  void clientsThatNeverReadOrNeverAskDoNotBlockOthers() throws Exception {
    List<Socket> stuck = new ArrayList<>();
    try {
      int port = URI.create(base).getPort();
      for (int i = 0; i < 8; i++) { // more than the server's threads
        Socket s = new Socket("127.0.0.1", port);
        s.setReceiveBufferSize(1024);
        if (i % 2 == 0) {
          OutputStream out = s.getOutputStream(); // asks, never reads the answer
          out.write(("GET /debug/pprof/io?seconds=60 HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } else {
          s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII)); // stalls
        }
        stuck.add(s);
      }
      for (int i = 0; i < 5; i++) {
        assertTrue(text("/metrics").contains("ior_syscalls_total"));
      }
    } finally {
      for (Socket s : stuck) {
        s.close();
      }
    }
  }
}
