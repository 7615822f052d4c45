// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Units, sparklines, CSV lines and the target picker's search. */
class SmallModelsTest {
  @Test
  void unitsAreShortAndRounded() {
    assertEquals("850ns", Units.ns(850));
    assertEquals("12.3us", Units.ns(12_345));
    assertEquals("4.57ms", Units.ns(4_567_000));
    assertEquals("120s", Units.ns(120_000_000_000L));
    assertEquals("512B", Units.bytes(512));
    assertEquals("1.95M", Units.bytes(2_048_000));
    assertEquals("2.00k", Units.count(2000));
    assertEquals("ab…", Units.fit("abcdef", 3));
    assertEquals("…ef", Units.tail("abcdef", 3));
    assertEquals("  7", Units.right("7", 3));
  }

  @Test
  void sparklineScalesToTheLargestValueShownNewestRight() {
    Sparkline s = new Sparkline(4);
    for (double v : new double[] {100, 0, 1, 4, 8}) {
      s.add(v);
    }
    assertEquals(" ▁▄█", s.render(4), "100 fell out of the history; 1 still shows");
    assertEquals("▄█", s.render(2));
    assertEquals("   ▁▄█", s.render(6));
    assertEquals(8.0, s.last());
  }

  @Test
  void csvQuotesWhatNeedsQuoting() {
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"\r\n",
        CsvExport.line(List.of("a", "b,c", "say \"hi\"")));
  }

  @Test
  void pickerSearchesPidCommAndCommandLine() {
    PickerModel p = new PickerModel(List.of(
        new ProcessSource.Info(300, "postgres", "postgres -D /data"),
        new ProcessSource.Info(20, "bash", "-bash"),
        new ProcessSource.Info(4242, "java", "java -jar app.jar"),
        new ProcessSource.Info(2020, "cat", "cat")));
    assertEquals(List.of(0, 20, 300, 2020, 4242), pids(p), "all processes first, then by pid");
    p.type('A');
    p.type('P');
    p.type('P');
    assertEquals(List.of(4242), pids(p), "cmdline match, case-insensitive");
    p.backspace();
    p.backspace();
    p.backspace();
    p.type('3');
    assertEquals(List.of(300), pids(p));
    p.backspace();
    for (char c : "20".toCharArray()) {
      p.type(c);
    }
    assertEquals(List.of(20, 2020), pids(p), "the exact pid first, then pids containing it");
    p.backspace();
    p.backspace();
    p.type('3');
    p.type('x');
    assertEquals(List.of(0), pids(p), "no match leaves 'all processes'");
  }

  @Test
  void histogramRowsReachTheTailWhenRowsAreFew() {
    dev.ior.core.live.Log2Histogram h = new dev.ior.core.live.Log2Histogram();
    h.record(3);                                  // bucket 2
    for (int i = 0; i < 50; i++) {
      h.record(1_000);                            // bucket 10
      h.record(2_000);                            // bucket 11
    }
    h.record(1_000_000);                          // bucket 20
    assertEquals(7, LatencyView.bucketsPerRow(2, h.highestBucket(), 3));
    assertEquals(1, LatencyView.bucketsPerRow(2, h.highestBucket(), 30), "all fit: one each");
    TextCanvas c = new TextCanvas(60, 6);
    LatencyView.histogram(c, 0, 5, "latency", h);
    assertEquals(" latency:  p50 1.02us  p95 1.97us  p99 2.05us  max 1.00ms", c.line(0));
    assertEquals("      2ns .. 256ns          1 |#", c.line(1));
    assertEquals("    256ns .. 32.8us       100 |" + "#".repeat(28), c.line(2));
    assertEquals("   32.8us .. 1.05ms         1 |#", c.line(3), "the slowest call is drawn");
    // A tail far from the bulk (p99 in ms, most calls in us), as a dd loop shows it.
    dev.ior.core.live.Log2Histogram t = new dev.ior.core.live.Log2Histogram();
    for (int i = 0; i < 1000; i++) {
      t.record(300 + i % 700);
    }
    for (int i = 0; i < 20; i++) {
      t.record(3_400_000);
    }
    TextCanvas d = new TextCanvas(60, 8);
    LatencyView.histogram(d, 0, 7, "latency", t);
    String drawn = String.join("\n", d.line(1), d.line(2), d.line(3), d.line(4), d.line(5));
    assertTrue(drawn.contains(" .. 4.19ms        20 |"), drawn);
  }

  private static List<Integer> pids(PickerModel p) {
    return p.matches().stream().map(ProcessSource.Info::pid).collect(Collectors.toList());
  }
}
