// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (Debian package {@code prometheus}) on a free loopback port,
 * scraping one target every second, with its own storage in a temporary directory. Without
 * {@code /usr/bin/prometheus} the test is skipped with a printed reason, or fails when {@code
 * IOR_REQUIRE_TOOLS=1}.
 *
 * <pre>{@code
 * try (PrometheusServer p = PrometheusServer.start(dir, "127.0.0.1:9464", false)) {
 *   Map<String, Double> bySyscall = p.query("sum by (syscall) (ior_syscalls_total)", "syscall");
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  // One sample of a vector result: {"metric":{...},"value":[1700000000.123,"42"]}
  private static final Pattern SAMPLE =
      Pattern.compile("\\{\"metric\":\\{([^}]*)\\},\"value\":\\[[^,]+,\"([^\"]+)\"\\]\\}");
  private static final Pattern LABEL =
      Pattern.compile("\"([^\"]+)\":\"((?:[^\"\\\\]|\\\\.)*)\""); // values may hold \"

  private final Process process;
  private final Path log;
  private final String base;
  private final HttpClient client = HttpClient.newHttpClient();

  private PrometheusServer(Process process, Path log, String base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /**
   * Starts Prometheus scraping {@code target} (HOST:PORT) every second and waits until it is
   * ready.
   *
   * @param nativeHistograms whether to enable native histograms (it then scrapes protobuf)
   */
  public static PrometheusServer start(Path dir, String target, boolean nativeHistograms)
      throws IOException, InterruptedException {
    requireBinary();
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
        + "scrape_configs:\n  - job_name: ior\n    static_configs:\n      - targets: ['"
        + target + "']\n");
    String listen = "127.0.0.1:" + freePort();
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(),
        "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=" + listen, "--log.level=warn"));
    if (nativeHistograms) {
      cmd.add("--enable-feature=native-histograms");
    }
    Path log = dir.resolve("prometheus.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    PrometheusServer s = new PrometheusServer(p, log, "http://" + listen);
    s.awaitReady();
    return s;
  }

  private static void requireBinary() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String reason = BINARY + " missing (Debian package prometheus; scripts/install-deps.sh"
        + " --test installs it)";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(reason + " but IOR_REQUIRE_TOOLS=1");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** A port nobody listens on now (the kernel's choice, released again). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("prometheus exited: " + Files.readString(log));
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("prometheus not ready within 60 s: " + Files.readString(log));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs an instant PromQL query whose result is a vector of floats; the values keyed by the
   * value of {@code label} ("" for a single unlabelled result).
   */
  public Map<String, Double> query(String promql, String label)
      throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (r.statusCode() != 200 || !r.body().contains("\"status\":\"success\"")) {
      fail("query " + promql + ": HTTP " + r.statusCode() + " " + r.body());
    }
    Map<String, Double> out = new TreeMap<>();
    Matcher m = SAMPLE.matcher(r.body());
    while (m.find()) {
      String key = "";
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        if (l.group(1).equals(label)) {
          key = l.group(2);
        }
      }
      out.put(key, Double.parseDouble(m.group(2)));
    }
    return out;
  }

  /** The server's log so far (for failure messages). */
  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
