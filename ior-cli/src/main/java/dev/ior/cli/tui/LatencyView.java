// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import dev.ior.core.live.Log2Histogram;
import java.util.ArrayList;
import java.util.List;

/**
 * The Latency tab: log2 histograms of latency and of the gap between a thread's syscalls,
 * with p50/p95/p99, overall or for the row chosen with {@code l} in a table ({@code o}
 * toggles back to overall).
 */
final class LatencyView implements TabView {
  private TableKind kind;
  private boolean grouped;
  private String key;

  @Override
  public String title() {
    return "Latency";
  }

  void select(TableKind kind, boolean grouped, String key) {
    this.kind = kind;
    this.grouped = grouped;
    this.key = key;
  }

  private GroupStats row(LiveSnapshot s) {
    if (kind != null) {
      for (GroupStats g : kind.rows(s, grouped)) {
        if (g.key().equals(key)) {
          return g;
        }
      }
    }
    return s.total();
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    GroupStats g = row(s);
    String what = kind == null ? "all syscalls"
        : kind.keyHeader(grouped) + " " + Names.shown(key)
            + (g == s.total() ? " (not seen since reset)" : "");
    c.put(1, top, "Latency of " + what + ": " + Units.count(g.count()) + " calls", Style.HEADER);
    int half = (rows - 1) / 2;
    histogram(c, top + 1, half, "latency", g.latency());
    histogram(c, top + 1 + half, rows - 1 - half, "gap to the thread's previous syscall",
        g.gap());
  }

  /**
   * A percentile line, then bars from the fastest used bucket to the slowest (ns ranges, like
   * bcc's hist). When the rows are fewer than the used log2 buckets, each row sums as many
   * neighbouring buckets as it takes to reach the slowest: the tail (p99, max) is always drawn.
   */
  static void histogram(Canvas c, int top, int rows, String title, Log2Histogram h) {
    c.put(1, top, title + ":  p50 " + Units.ns(h.percentile(50)) + "  p95 "
        + Units.ns(h.percentile(95)) + "  p99 " + Units.ns(h.percentile(99)) + "  max "
        + Units.ns(h.max()), Style.NORMAL);
    int hi = h.highestBucket();
    if (hi < 0) {
      c.put(3, top + 1, "(no calls)", Style.DIM);
      return;
    }
    int lo = lowestBucket(h);
    int per = bucketsPerRow(lo, hi, Math.max(1, rows - 2));
    long max = 0;
    for (int i = lo; i <= hi; i += per) {
      max = Math.max(max, sum(h, i, Math.min(hi, i + per - 1)));
    }
    int barW = Math.max(1, c.width() - 32);
    for (int i = lo, r = top + 1; i <= hi; i += per, r++) {
      int last = Math.min(hi, i + per - 1);
      long n = sum(h, i, last);
      String range = Units.right(Units.ns(Log2Histogram.lowerBound(i)), 8) + " .. "
          + Units.fit(Units.ns(Log2Histogram.upperBound(last)), 8);
      int len = max == 0 ? 0 : (int) Math.ceil(n * (double) barW / max);
      c.put(1, r, range + Units.right(Units.count(n), 8) + " |", Style.NORMAL);
      c.put(31, r, "#".repeat(len), Style.HEADER);
    }
  }

  /** How many log2 buckets one row sums so that {@code lo..hi} fits in {@code rows} rows. */
  static int bucketsPerRow(int lo, int hi, int rows) {
    int used = hi - lo + 1;
    return (used + rows - 1) / rows;
  }

  private static int lowestBucket(Log2Histogram h) {
    int lo = 0;
    while (h.count(lo) == 0) {
      lo++;
    }
    return lo;
  }

  private static long sum(Log2Histogram h, int from, int to) {
    long n = 0;
    for (int i = from; i <= to; i++) {
      n += h.count(i);
    }
    return n;
  }

  /** The shown histograms as rows: bucket bounds (ns), latency count, gap count. */
  @Override
  public List<List<String>> table(LiveSnapshot s) {
    GroupStats g = row(s);
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("from_ns", "below_ns", "latency_count", "gap_count"));
    int hi = Math.max(g.latency().highestBucket(), g.gap().highestBucket());
    for (int i = 0; i <= hi; i++) {
      out.add(List.of(Long.toString(Log2Histogram.lowerBound(i)),
          Long.toString(Log2Histogram.upperBound(i)), Long.toString(g.latency().count(i)),
          Long.toString(g.gap().count(i))));
    }
    return out;
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    if (k.getKeyType() == KeyType.Character && k.getCharacter() == 'o') {
      kind = null;
      return true;
    }
    return false;
  }

  @Override
  public String hint() {
    return "o overall  (l on a table row shows that row)";
  }
}
