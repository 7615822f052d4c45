// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * ClickHouse's HTTP interface: a query with a body, the answer or a {@link Failure} saying
 * whether trying again can help. The JDK's client; one connection reused (keep-alive).
 */
final class ClickHouseClient {
  private final URI endpoint;
  private final String auth;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param endpoint e.g. {@code http://127.0.0.1:8123/}
   * @param user null for ClickHouse's default user
   * @param password null for none
   */
  ClickHouseClient(URI endpoint, String user, String password, Duration timeout) {
    this.endpoint = endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
    this.auth = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A request that failed; {@link #retriable} when the server was unreachable or busy. */
  static final class Failure extends IOException {
    final boolean retriable;

    Failure(String message, boolean retriable, Throwable cause) {
      super(message, cause);
      this.retriable = retriable;
    }
  }

  /** Runs {@code sql} (a statement without data) and returns the answer's text. */
  String query(String sql) throws Failure {
    return post(null, sql.getBytes(StandardCharsets.UTF_8), 0,
        sql.getBytes(StandardCharsets.UTF_8).length);
  }

  /** {@code INSERT INTO table FORMAT TabSeparated} with {@code rows} as the data. */
  void insert(String table, byte[] rows, int length) throws Failure {
    post("INSERT INTO " + table + " FORMAT TabSeparated", rows, 0, length);
  }

  private String post(String query, byte[] body, int off, int len) throws Failure {
    URI uri = query == null ? endpoint : URI.create(endpoint + (endpoint.getQuery() == null
        ? "?" : "&") + "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body, off, len));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String why = e instanceof java.net.ConnectException ? "connection refused"
          : e instanceof java.net.http.HttpTimeoutException ? "no answer in time"
          : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new Failure(endpoint + ": " + why, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", false, e);
    }
    if (r.statusCode() == 200) {
      return r.body();
    }
    String first = r.body().strip().lines().findFirst().orElse("");
    throw new Failure("ClickHouse answered " + r.statusCode() + ": " + first,
        retriable(r.statusCode(), first), null);
  }

  /**
   * Whether an error answer may go away by itself. ClickHouse answers most exceptions with 500
   * and {@code Code: N}: a busy or short-of-memory server is worth waiting for; a row it cannot
   * parse, a missing table or column, or missing rights would fail again.
   */
  static boolean retriable(int status, String body) {
    if (status == 502 || status == 503 || status == 504) {
      return true;
    }
    if (status < 500) {
      return false;
    }
    java.util.regex.Matcher m = CODE.matcher(body);
    if (!m.find()) {
      return true; // no ClickHouse exception: a proxy or a server going down
    }
    switch (Integer.parseInt(m.group(1))) {
      case 159: // TIMEOUT_EXCEEDED
      case 202: // TOO_MANY_SIMULTANEOUS_QUERIES
      case 209: // SOCKET_TIMEOUT
      case 210: // NETWORK_ERROR
      case 241: // MEMORY_LIMIT_EXCEEDED
      case 252: // TOO_MANY_PARTS
        return true;
      default:
        return false;
    }
  }

  private static final java.util.regex.Pattern CODE =
      java.util.regex.Pattern.compile("Code: (\\d+)");
}
