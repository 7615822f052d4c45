// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.stats.LossKind;
import com.googlecode.lanterna.input.KeyStroke;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import dev.ior.core.live.SortKey;
import dev.ior.core.stats.TraceStats;
import java.util.List;
import java.util.function.Supplier;

/** The Overview tab: rates with sparklines, totals, and the top syscalls, files, processes. */
final class OverviewView implements TabView {
  private final Rates rates;
  private final Supplier<TraceStats> tracer;

  OverviewView(Rates rates, Supplier<TraceStats> tracer) {
    this.rates = rates;
    this.tracer = tracer;
  }

  @Override
  public String title() {
    return "Overview";
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    GroupStats t = s.total();
    int spark = Math.max(0, Math.min(60, c.width() - 60));
    rate(c, top, "syscalls/s", Units.count(rates.calls.last()), rates.calls.render(spark),
        Units.count(t.count()) + " calls, " + Units.count(t.errors()) + " errors");
    TraceStats ts = tracer.get();
    rate(c, top + 1, "events/s", Units.count(rates.events.last()), rates.events.render(spark),
        ts == null ? "" : Units.count(ts.records().enters() + ts.records().exits()) + " events, " + lost(ts));
    rate(c, top + 2, "read/s", Units.bytes(rates.read.last()), rates.read.render(spark),
        Units.bytes(t.bytesRead()) + " read");
    rate(c, top + 3, "written/s", Units.bytes(rates.written.last()),
        rates.written.render(spark), Units.bytes(t.bytesWritten()) + " written");
    c.put(1, top + 4, "latency avg " + Units.ns(t.avgNs()) + "  p50 "
        + Units.ns(t.latency().percentile(50)) + "  p99 " + Units.ns(t.latency().percentile(99))
        + "  max " + Units.ns(t.maxNs())
        + (s.target() != 0 ? "   other pids skipped: " + Units.count(s.skipped()) : ""),
        Style.DIM);
    int left = rows - 6;
    int each = Math.max(1, left / 3 - 2);
    int y = top + 6;
    y = section(c, y, "Top syscalls by total time", "syscall", "", s.syscalls(), each);
    y = section(c, y, "Top files by total time", "file", "", s.files(), each);
    section(c, y, "Top processes by total time", "pid", "comm", s.processes(), each);
  }

  /** Every loss the tracer counted so far, or "lost 0". */
  static String lost(TraceStats ts) {
    if (!ts.lossy()) {
      return "lost 0";
    }
    StringBuilder b = new StringBuilder("LOST: ");
    for (LossKind k : LossKind.values()) { // every kind, in the one order of the loss list
      b.append(k == LossKind.values()[0] ? "" : ", ").append(k.words()).append(' ')
          .append(ts.losses().known(k) ? Units.count(ts.losses().count(k)) : "unknown");
    }
    return b.toString();
  }

  private static void rate(Canvas c, int row, String label, String value, String spark,
      String total) {
    c.put(1, row, Units.fit(label, 11) + Units.right(value, 8) + "  ", Style.NORMAL);
    c.put(22, row, spark, Style.HEADER);
    c.put(23 + spark.length(), row, total, Style.DIM);
  }

  private static int section(Canvas c, int y, String title, String keyHeader,
      String detailHeader, List<GroupStats> rows, int n) {
    int[] w = TableView.widths(c.width(), detailHeader);
    int keyW = w[0];
    int detailW = w[1];
    c.put(0, y, Units.fit(title + ": " + keyHeader + (detailW > 0 ? ", " + detailHeader : ""),
        keyW + detailW) + Units.right("count", TableView.NUM) + Units.right("total",
        TableView.NUM) + Units.right("avg", TableView.NUM) + Units.right("max", TableView.NUM)
        + Units.right("read", TableView.NUM) + Units.right("written", TableView.NUM)
        + Units.right("errors", TableView.NUM), Style.HEADER);
    List<GroupStats> top = SortKey.TOTAL_TIME.sort(rows);
    for (int i = 0; i < n && i < top.size(); i++) {
      c.put(0, y + 1 + i, TableView.row(top.get(i), keyW, detailW), Style.NORMAL);
    }
    return y + n + 2;
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    return false;
  }

  @Override
  public String hint() {
    return "2 flame  3-5 tables  6 latency  7 stream  8 stacks";
  }
}
