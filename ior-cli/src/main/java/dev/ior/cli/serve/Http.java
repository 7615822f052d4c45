// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers the handlers of {@code ior serve} share. */
final class Http {
  private Http() {}

  /** True for GET and HEAD; otherwise answers 405 and returns false. */
  static boolean allowGet(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if (m.equals("GET") || m.equals("HEAD")) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    text(ex, 405, "only GET and HEAD\n");
    return false;
  }

  static void text(HttpExchange ex, int status, String body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(ex, status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the whole body (none for HEAD) with its length. */
  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
