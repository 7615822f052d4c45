// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.GoPprofTool;
import dev.ior.cli.testing.PrometheusServer;
import dev.ior.testdata.Workload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior serve} on the real kernel, scraped by real Prometheus servers (one with classic
 * histograms over the text format, one with native histograms over protobuf) and read by {@code
 * go tool pprof}, while testdata's workload runs: the counts and bytes per syscall are exactly
 * the workload's (iorwl.c), also with clients that connect and never read.
 */
class ServeIT {
  private static final Pattern URL = Pattern.compile("metrics at (http://[0-9.]+:(\\d+))/metrics");

  @TempDir Path work;
  @TempDir Path tmp;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  private static Map<String, Double> seqCalls() {
    return Map.ofEntries(Map.entry("close", 3.0), Map.entry("dup2", 1.0),
        Map.entry("dup3", 1.0), Map.entry("fcntl", 1.0), Map.entry("fsync", 1.0),
        Map.entry("open", 3.0), Map.entry("openat", 1.0), Map.entry("pread64", 1.0),
        Map.entry("pwrite64", 1.0), Map.entry("read", 1.0), Map.entry("rename", 1.0),
        Map.entry("unlink", 1.0), Map.entry("write", 4.0));
  }

  @Test
  void prometheusAndPprofSeeExactlyTheWorkload() throws Exception {
    CliProcess ior = new CliProcess("ior", "serve", "-listen", "127.0.0.1:0", "-comm",
        Workload.COMM, "-path", work.toString(), "-tps", FlameCliIT.TPS);
    ior.awaitErr("metrics at", 60);
    Matcher m = URL.matcher(ior.err());
    assertTrue(m.find(), ior.err());
    String url = m.group(1);
    int port = Integer.parseInt(m.group(2));
    List<Socket> stuck = stuckClients(port);
    try {
      checkAll(ior, url, port, stuck);
    } finally {
      if (ior.process.isAlive()) { // a failed assertion must not leave a tracer behind
        ior.signal("TERM");
        ior.waitFor(60);
      }
    }
  }

  private void checkAll(CliProcess ior, String url, int port, List<Socket> stuck)
      throws Exception {
    try (PrometheusServer classic = PrometheusServer.start(tmp.resolve("classic"),
            "127.0.0.1:" + port, false);
        PrometheusServer nat = PrometheusServer.start(tmp.resolve("native"),
            "127.0.0.1:" + port, true)) {
      Requirements.runWorkload("seq", work);
      // Once ior has counted the calls (a loaded machine may delay the consumer), the last 3 s
      // of I/O pulled at once: iorwl seq's 20 calls and 461 bytes under -path.
      awaitCalls(url, 20);
      long[] pprof = GoPprofTool.rawTotals(url + "/debug/pprof/io?seconds=3");
      assertEquals(20, pprof[0], "calls in the pprof window");
      assertEquals(461, pprof[3], "bytes in the pprof window");

      Map<String, Double> calls = await(classic, "sum by (syscall) (ior_syscalls_total)",
          "syscall", seqCalls()::equals);
      assertEquals(seqCalls(), calls, classic.log());
      assertEquals(Map.of("pread64", 60.0, "pwrite64", 200.0, "read", 50.0, "write", 151.0),
          classic.query("sum by (syscall) (ior_syscall_bytes_total)", "syscall"));
      assertEquals(Map.of("ENOENT", 1.0), classic.query(
          "sum by (errno) (ior_syscall_errors_total{syscall=\"open\"})", "errno"));
      double durationNs = classic.query("sum(ior_syscall_duration_seconds_sum)", "")
          .get("") * 1e9;
      assertEquals(pprof[1], durationNs, 20, "latency sum: pprof and Prometheus agree");
      double p50 = classic.query("histogram_quantile(0.5, sum by (le)"
          + " (ior_syscall_duration_seconds_bucket{syscall=\"write\"}))", "").get("");
      assertTrue(p50 > 0 && p50 < 1, "median write latency in seconds: " + p50);
      assertEquals(0.0, classic.query("sum(ior_lost_total)", "").get(""));

      assertEquals(seqCalls(), await(nat, "sum by (syscall) (ior_syscalls_total)", "syscall",
          seqCalls()::equals), nat.log());
      assertEquals(Map.of("", 4.0), await(nat,
          "histogram_count(sum(ior_syscall_duration_seconds{syscall=\"write\"}))", "",
          Map.of("", 4.0)::equals), "native histogram scraped over protobuf");
      double nativeP50 = nat.query("histogram_quantile(0.5,"
          + " sum(ior_syscall_duration_seconds{syscall=\"write\"}))", "").get("");
      assertTrue(nativeP50 > 0 && nativeP50 < 1, "native median write latency: " + nativeP50);
    } finally {
      for (Socket s : stuck) {
        s.close();
      }
    }

    long t0 = System.nanoTime();
    ior.signal("TERM");
    while (listening(port)) {
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "still serving 1 s after SIGTERM");
      Thread.sleep(20);
    }
    assertEquals(143, ior.waitFor(60), ior.err());
    assertTrue(ior.err().contains("lost:               ring full 0"), ior.err());
    assertFalse(ior.err().contains("Exception"), ior.err());
  }

  /** Clients that ask and never read the answer, and clients that never finish asking. */
  private static List<Socket> stuckClients(int port) throws IOException {
    List<Socket> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Socket s = new Socket("127.0.0.1", port);
      OutputStream o = s.getOutputStream();
      o.write((i % 2 == 0 ? "GET /debug/pprof/io?seconds=60 HTTP/1.1\r\nHost: x\r\n\r\n"
          : "GET /metr").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      out.add(s);
    }
    return out;
  }

  /** Waits until ior's own /metrics counts {@code n} calls in all. */
  private static void awaitCalls(String url, long n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long seen = -1;
    for (int i = 0; i < 150 && seen != n; i++) {
      String m = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      seen = m.lines().filter(l -> l.startsWith("ior_syscalls_total{"))
          .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
      if (seen != n) {
        Thread.sleep(200);
      }
    }
    assertEquals(n, seen, "calls counted by ior serve");
  }

  private static Map<String, Double> await(PrometheusServer p, String promql, String label,
      Predicate<Map<String, Double>> done) throws Exception {
    Map<String, Double> last = Map.of();
    for (int i = 0; i < 100; i++) {
      last = p.query(promql, label);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(300);
    }
    return last;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aTakenPortOrAnUnknownHostIsOneLineAndNoTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String addr = "127.0.0.1:" + taken.getLocalPort();
      CliProcess busy = new CliProcess("ior", "serve", "-listen", addr, "-comm", Workload.COMM,
          "-tps", "_write$");
      assertEquals(2, busy.waitFor(60), busy.err());
      assertEquals("ior serve: cannot listen on " + addr + ": address already in use (choose"
          + " another with -listen HOST:PORT)\n", busy.err());
    }
    // Resolve through a hosts file of our own: no DNS query leaves the machine.
    Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
    CliProcess unknown = new CliProcess(Map.of("IOR_JAVA_OPTS", "-Djdk.net.hosts.file=" + hosts),
        "ior", "serve", "-listen", "nosuch.invalid:9464", "-comm", Workload.COMM);
    assertEquals(2, unknown.waitFor(60), unknown.err());
    assertEquals("ior serve: -listen nosuch.invalid:9464: cannot resolve host"
        + " 'nosuch.invalid'\n", unknown.err());
    CliProcess noPort = new CliProcess("ior", "serve", "-listen", "localhost");
    assertEquals(2, noPort.waitFor(60), noPort.err());
    assertTrue(noPort.err().startsWith("ior: Invalid value for option '-listen': 'localhost'"
        + " has no port: use HOST:PORT, e.g. 127.0.0.1:9464\n"), noPort.err());
  }
}
