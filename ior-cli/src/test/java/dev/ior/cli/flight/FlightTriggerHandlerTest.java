// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.event.PairRecord;
import dev.ior.core.flight.FlightConfig;
import dev.ior.core.flight.FlightFileReader;
import dev.ior.core.syscall.SyscallTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ior serve}'s POST /flight/trigger over a real HTTP server: a dump, named http. */
class FlightTriggerHandlerTest {
  @TempDir Path dir;

  @Test
  void aPostDumpsAndOtherMethodsAreRefused() throws Exception {
    StringWriter log = new StringWriter();
    PrintWriter err = new PrintWriter(log, true);
    FlightOutput out = new FlightOutput(new FlightConfig(10_000_000_000L, 1 << 20, 0, 0,
        List.of()), dir, new WallClock(0), "h", err);
    long now = System.nanoTime();
    out.sink().accept(new PairRecord(SyscallTable.standard().byName("write"), 1, 1, "x",
        now - 1_000, now, 0, 5, 3, "/f", null, 1, 5));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/flight/trigger", new FlightTriggerHandler(out));
    http.start();
    try {
      HttpClient c = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/flight/trigger");
      assertEquals(405, c.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(202, c.send(HttpRequest.newBuilder(uri).POST(
          HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      long until = System.nanoTime() + 10_000_000_000L;
      while (out.stats().dumps() == 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
    } finally {
      http.stop(0);
    }
    out.sink().finish();
    assertEquals(0, out.finish(null, err));
    List<Path> dumps;
    try (Stream<Path> s = Files.list(dir)) {
      dumps = s.toList();
    }
    assertEquals(1, dumps.size(), log.toString());
    assertTrue(dumps.get(0).getFileName().toString().endsWith("-http.iorfl"));
    assertTrue(FlightFileReader.header(dumps.get(0)).description()
        .startsWith("POST /flight/trigger from 127.0.0.1"));
    assertTrue(log.toString().contains("ior: flight recorder: 1 dump written"), log.toString());
  }
}
