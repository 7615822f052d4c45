// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.PrometheusServer;
import dev.ior.core.event.PairRecord;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.flamegraph.text.NameBytes;
import dev.ior.flamegraph.text.NameEscaper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comms with control bytes, bytes that are not UTF-8, quotes, backslashes and look-alikes as
 * label values: every format carries them escaped, bytes-exact and reversible, no two merge into
 * one series, and a real Prometheus keeps every one of them.
 */
class ServeLabelsTest {
  /** 14 comms that differ in a byte or in escaping only. */
  static final List<String> COMMS = List.of(
      "zq" + NameBytes.escapeOf(0xff) + "bad", "zq" + NameBytes.escapeOf(0xfe) + "bad",
      "zq?bad", "\u001b[31mred", "\u001b]0;title\u0007", "\u009b31m", "a\"b", "a\\b",
      "a\\x1bb", "a\nb", "tab\there", "[other]x", "\u202eevil", "plain");

  @TempDir Path dir;

  @Test
  void oddCommsAreDistinctEscapedSeriesThatPrometheusKeeps() throws Exception {
    ExporterServer http = ExporterServer.bind(new InetSocketAddress("127.0.0.1", 0));
    ServeOutput serve = new ServeOutput(http, new MetricsOptions(100, Duration.ofMinutes(5)),
        PairLabels.CURRENT, 60, "", "h");
    TraceStats stats = TraceStats.EMPTY;
    serve.serve(() -> stats);
    try {
      var read = SyscallTable.standard().byName("read");
      for (String comm : COMMS) {
        serve.sink().accept(new PairRecord(read, 1, 1, comm, 0, 1000, 0, 1, 3, "/f", null, 0,
            1));
      }
      String base = "http://127.0.0.1:" + http.address().getPort();
      HttpClient client = HttpClient.newHttpClient();
      for (String accept : new String[] {null, "application/openmetrics-text; version=1.0.0"}) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/metrics"));
        if (accept != null) {
          r.header("Accept", accept);
        }
        byte[] body = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        for (byte b : body) {
          int u = b & 0xff;
          assertTrue(u >= 0x20 && u != 0x7f || u == '\n',
              "a control byte reached the exposition: " + u);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        assertFalse(text.contains("\u009b"), text); // C1 CSI; bidi marks stay, as in files
        Set<String> seen = new TreeSet<>();
        for (String line : text.split("\n")) {
          if (line.startsWith("ior_syscalls_total{")) {
            assertTrue(seen.add(line.substring(0, line.lastIndexOf(' '))), "twice: " + line);
          }
        }
        assertEquals(COMMS.size(), seen.size(), text);
        assertTrue(text.contains("ior_syscalls_total{comm=\"zq\\\\xffbad\",syscall=\"read\"}"),
            text);
      }
      try (PrometheusServer p = PrometheusServer.start(dir.resolve("prom"),
          "127.0.0.1:" + http.address().getPort(), false)) {
        Map<String, Double> byComm = Map.of();
        for (int i = 0; i < 60 && byComm.size() < COMMS.size(); i++) {
          Thread.sleep(500);
          byComm = p.query("ior_syscalls_total", "comm");
        }
        Set<String> names = new TreeSet<>();
        for (String stored : byComm.keySet()) { // JSON-escaped by the API, then ours
          names.add(NameEscaper.unescape(jsonUnescape(stored)));
        }
        assertEquals(escaped(COMMS), escaped(names), p.log());
      }
    } finally {
      serve.finish(null, null);
    }
  }

  private static Set<String> escaped(java.util.Collection<String> names) {
    Set<String> out = new TreeSet<>();
    names.forEach(n -> out.add(NameEscaper.TEXT.escape(n)));
    return out;
  }

  private static String jsonUnescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'u':
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
            break;
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          default:
            b.append(n);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
