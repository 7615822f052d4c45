// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ior serve}'s HTTP side at its series cap (10,000 series, 20,000 paths a second in the
 * profile window) in a JVM with the heap {@code bin/ior serve} gets, under the clients that
 * made it die before: three formats scraped at once, gzip, clients that never read, clients
 * that send slowly (slowloris). It must answer every real scrape in full within Prometheus'
 * 10 s timeout, stay alive and print nothing.
 */
class ServeUnderAbuseTest {
  static final int SERIES = 10_000;
  /** The heap bin/.launch gives ior serve at -max-series 10000 (its other options too). */
  static final String HEAP = "-Xmx" + ServeHeap.megabytes(SERIES) + "m";

  private static Process child;
  private static Path err;
  private static String base;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    err = Files.createTempFile("serve-abuse", ".err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, HEAP, "-Xmn8m", "-XX:+UseSerialGC", "-Xss512k",
        "-XX:ReservedCodeCacheSize=24m", "-XX:+IgnoreUnrecognizedVMOptions",
        "-XX:TrimNativeHeapInterval=2000", "-cp", System.getProperty("java.class.path"),
        ServeAtCapMain.class.getName(), Integer.toString(SERIES), "20000")
        .redirectError(err.toFile());
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    child = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("port "), line + Files.readString(err));
    base = "http://127.0.0.1:" + line.substring(5);
  }

  @AfterAll
  static void stop() throws Exception {
    child.getOutputStream().close();
    child.waitFor(30, TimeUnit.SECONDS);
    child.destroy();
    Files.deleteIfExists(err);
  }

  private HttpResponse<InputStream> get(String path, String accept, boolean gzip)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
        // Prometheus' default scrape timeout is 10 s; on a loaded machine the first scrape
        // beside 20 clients that fill their socket buffers takes longer (docs/serve.md).
        .timeout(Duration.ofSeconds(60));
    if (accept != null) {
      r.header("Accept", accept);
    }
    if (gzip) {
      r.header("Accept-Encoding", "gzip");
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** The body's lines that start with {@code prefix}, counted as the body streams by. */
  private long scrape(String accept, boolean gzip, String prefix, String last)
      throws Exception {
    HttpResponse<InputStream> r = get("/metrics", accept, gzip);
    assertEquals(200, r.statusCode());
    InputStream in = gzip ? new GZIPInputStream(r.body()) : r.body();
    long n = 0;
    String line = null;
    try (BufferedReader b = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8))) {
      for (String l; (l = b.readLine()) != null; line = l) {
        n += l.startsWith(prefix) ? 1 : 0;
      }
    }
    assertTrue(line != null && line.startsWith(last), "cut short after: " + line);
    return n;
  }

  private void assertAliveAndQuiet() throws IOException {
    assertTrue(child.isAlive(), Files.readString(err));
    assertEquals("", Files.readString(err));
  }

  @Test
  void everyFormatAtTheCapInFullAgainAndAgain() throws Exception {
    String om = "application/openmetrics-text; version=1.0.0";
    for (int round = 0; round < 3; round++) {
      assertEquals(SERIES, scrape(null, false, "ior_syscalls_total{", "process_"));
      assertEquals(SERIES, scrape(om, true, "ior_syscalls_total{", "# EOF"));
    }
    List<Thread> at = new ArrayList<>();
    List<Throwable> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 6; i++) {
      boolean gzip = i % 2 == 0;
      Thread t = new Thread(() -> {
        try {
          assertEquals(SERIES, scrape(null, gzip, "ior_syscalls_total{", "process_"));
        } catch (Throwable e) {
          failed.add(e);
        }
      });
      t.start();
      at.add(t);
    }
    HttpResponse<InputStream> pb = get("/metrics", "application/vnd.google.protobuf;"
        + "proto=io.prometheus.client.MetricFamily;encoding=delimited", true);
    assertTrue(pb.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/vnd.google.protobuf"));
    long bytes = new GZIPInputStream(pb.body()).transferTo(OutputStream.nullOutputStream());
    assertTrue(bytes > 1_000_000, bytes + " bytes of protobuf");
    for (int i = 0; i < 3; i++) {
      HttpResponse<InputStream> p = get("/debug/pprof/io?seconds=60", null, false);
      assertEquals(200, p.statusCode());
      p.body().transferTo(OutputStream.nullOutputStream());
    }
    for (Thread t : at) {
      t.join();
    }
    assertEquals(List.of(), failed);
    assertAliveAndQuiet();
    System.out.println("ior serve at " + SERIES + " series, " + HEAP + ": RSS "
        + rssMiB(child.pid()) + " MiB");
  }

  @Test
  void clientsThatNeverReadOrSendSlowlyDoNotStallScrapes() throws Exception {
    int port = URI.create(base).getPort();
    List<Socket> stuck = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) { // ask for 24 MB each, never read
        Socket s = new Socket("127.0.0.1", port);
        s.setReceiveBufferSize(1024);
        s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        stuck.add(s);
      }
      for (int i = 0; i < 10; i++) { // slowloris: a request line that never ends
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nX-a: ".getBytes(
            StandardCharsets.US_ASCII));
        stuck.add(s);
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(SERIES, scrape(null, true, "ior_syscalls_total{", "process_"));
        assertEquals(SERIES, scrape(null, false, "ior_syscalls_total{", "process_"));
      }
    } finally {
      for (Socket s : stuck) {
        s.close();
      }
    }
    assertAliveAndQuiet();
  }

  static long rssMiB(long pid) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
