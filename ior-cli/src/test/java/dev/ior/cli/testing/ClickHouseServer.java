// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ClickHouse server (Debian package {@code clickhouse-server}, 18.16) on free loopback
 * ports with its data in a temporary directory; {@link #stop()} sends SIGTERM and {@link
 * #start()} starts it again on the same data and port (a restart in the middle of a run).
 * Without the binary the test is skipped with a printed reason, or fails when {@code
 * IOR_REQUIRE_TOOLS=1}.
 *
 * <pre>{@code
 * try (ClickHouseServer ch = ClickHouseServer.create(dir)) {
 *   ch.query("SELECT count() FROM ior.events");
 * }
 * }</pre>
 */
public final class ClickHouseServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");

  private final Path dir;
  private final Path config;
  private final int httpPort;
  private final HttpClient client = HttpClient.newHttpClient();
  private Process process;

  private ClickHouseServer(Path dir, Path config, int httpPort) {
    this.dir = dir;
    this.config = config;
    this.httpPort = httpPort;
  }

  /** Writes a configuration for {@code dir}, starts the server and waits until it answers. */
  public static ClickHouseServer create(Path dir) throws IOException, InterruptedException {
    requireBinary();
    Path data = Files.createDirectories(dir.resolve("data"));
    int http = PrometheusServer.freePort();
    int tcp = PrometheusServer.freePort();
    Path users = dir.resolve("users.xml");
    Files.writeString(users, "<?xml version=\"1.0\"?>\n<yandex>\n"
        + "  <profiles><default><max_memory_usage>1000000000</max_memory_usage></default>"
        + "</profiles>\n"
        + "  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>"
        + "<profile>default</profile><quota>default</quota></default></users>\n"
        + "  <quotas><default></default></quotas>\n</yandex>\n");
    Path config = dir.resolve("config.xml");
    Files.writeString(config, "<?xml version=\"1.0\"?>\n<yandex>\n"
        + "  <logger><level>warning</level><console>1</console></logger>\n"
        + "  <http_port>" + http + "</http_port>\n"
        + "  <tcp_port>" + tcp + "</tcp_port>\n"
        + "  <listen_host>127.0.0.1</listen_host>\n"
        + "  <path>" + data + "/</path>\n"
        + "  <tmp_path>" + data + "/tmp/</tmp_path>\n"
        + "  <user_files_path>" + data + "/user_files/</user_files_path>\n"
        + "  <format_schema_path>" + data + "/format_schemas/</format_schema_path>\n"
        + "  <users_config>" + users + "</users_config>\n"
        + "  <default_profile>default</default_profile>\n"
        + "  <default_database>default</default_database>\n"
        + "  <mark_cache_size>67108864</mark_cache_size>\n"
        + "  <uncompressed_cache_size>67108864</uncompressed_cache_size>\n"
        + "  <mlock_executable>false</mlock_executable>\n"
        + "</yandex>\n");
    ClickHouseServer s = new ClickHouseServer(dir, config, http);
    s.start();
    return s;
  }

  private static void requireBinary() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String reason = BINARY + " missing (Debian package clickhouse-server;"
        + " scripts/install-deps.sh --test installs it)";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(reason + " but IOR_REQUIRE_TOOLS=1");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The HTTP interface, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Starts the server (again) and waits until it answers a query. */
  public void start() throws IOException, InterruptedException {
    Path log = dir.resolve("server.log");
    process = new ProcessBuilder(BINARY.toString(), "--config-file=" + config)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("clickhouse-server exited: " + Files.readString(log));
      }
      try {
        if (query("SELECT 1").strip().equals("1")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    fail("clickhouse-server not ready within 90 s: " + Files.readString(log));
  }

  /** Stops the server with SIGTERM and waits for it to exit. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /** Runs a query and returns its answer; an error answer is an IOException with its text. */
  public String query(String sql) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + "/"))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException("ClickHouse " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
