// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flight;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /flight/trigger} of {@code ior serve}: asks the flight recorder for a dump (202
 * Accepted: the after-window and the rate limit decide; the end report counts a trigger that
 * was not dumped). Any other method: 405. Only sets a field; never waits for the dump.
 */
public final class FlightTriggerHandler implements HttpHandler {
  private final FlightOutput flight;

  public FlightTriggerHandler(FlightOutput flight) {
    this.flight = flight;
  }

  @Override
  public void handle(HttpExchange x) throws IOException {
    try (x) {
      x.getRequestBody().readAllBytes();
      if (!"POST".equals(x.getRequestMethod())) {
        x.getResponseHeaders().set("Allow", "POST");
        answer(x, 405, "use POST to trigger a flight recorder dump\n");
        return;
      }
      flight.trigger("http", "POST /flight/trigger from "
          + x.getRemoteAddress().getAddress().getHostAddress());
      answer(x, 202, "flight recorder dump requested; it is written after the after-window"
          + " unless rate-limited (see ior's stderr)\n");
    }
  }

  private static void answer(HttpExchange x, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }
}
