// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.event.PairRecord;
import dev.ior.core.live.LiveSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The Stream tab: a live tail of the newest pairs through the {@link FilterStack}. Arrows
 * select a row and a cell; Enter pushes a filter from the cell, Esc pops one, {@code /}
 * searches.
 */
final class StreamView implements TabView {
  /** Cells that can become filters: their start column and width in a line. */
  private static final int[] CELL_COL = {0, 10, 27, 35, 64};
  private static final int[] CELL_W = {9, 16, 7, 12, 0};
  private static final String HEADER = Units.right("latency", 9) + " " + Units.fit("comm", 16)
      + " " + Units.fit("pid", 7) + " " + Units.fit("syscall", 12) + Units.right("ret", 7)
      + Units.right("bytes", 9) + " file";

  private final FilterStack filters;
  private final Dashboard dash;
  private int fromBottom;
  private int cell = 3;
  private List<PairRecord> visible = List.of();

  StreamView(FilterStack filters, Dashboard dash) {
    this.filters = filters;
    this.dash = dash;
  }

  @Override
  public String title() {
    return "Stream";
  }

  static String line(PairRecord p) {
    return Units.right(Units.ns(p.durationNs()), 9) + " " + Units.fit(Names.shown(p.comm()), 16)
        + " " + Units.fit(Integer.toString(p.pid()), 7) + " " + Units.fit(p.syscall().name(), 12)
        + Units.right(Long.toString(p.ret()), 7) + Units.right(Units.bytes(p.bytes()), 9) + " "
        + Names.shown(p.file()) + (p.file2() == null ? "" : " -> " + Names.shown(p.file2()));
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    List<PairRecord> v = visible(s);
    visible = v;
    String f = filters.describe();
    c.put(0, top, Units.fit(f.isEmpty() ? " no filter (Enter on a cell pushes one)"
        : " filter: " + f + "   (" + v.size() + " of " + s.recent().size() + " recent)",
        c.width()), f.isEmpty() ? Style.DIM : Style.ALERT);
    c.put(0, top + 1, HEADER, Style.HEADER);
    int body = rows - 2;
    fromBottom = Math.max(0, Math.min(fromBottom, v.size() - 1));
    int last = v.size() - 1 - Math.max(0, fromBottom - body + 1);
    int first = Math.max(0, last - body + 1);
    for (int i = first, r = top + 2; i <= last; i++, r++) {
      boolean sel = i == v.size() - 1 - fromBottom;
      c.put(0, r, Units.fit(line(v.get(i)), c.width()), Style.NORMAL);
      if (sel) {
        int w = CELL_W[cell] == 0 ? c.width() - CELL_COL[cell] : CELL_W[cell];
        c.put(CELL_COL[cell], r, Units.fit(line(v.get(i)).substring(
            Math.min(CELL_COL[cell], line(v.get(i)).length())), w), Style.SELECTED);
      }
    }
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    visible = visible(s);
    KeyType t = k.getKeyType();
    if (t == KeyType.ArrowUp || t == KeyType.ArrowDown) {
      fromBottom = Math.max(0, fromBottom + (t == KeyType.ArrowUp ? 1 : -1));
    } else if (t == KeyType.ArrowLeft || t == KeyType.ArrowRight) {
      cell = Math.max(0, Math.min(CELL_COL.length - 1, cell + (t == KeyType.ArrowLeft ? -1 : 1)));
    } else if (t == KeyType.Enter) {
      pushFromCell();
    } else if (t == KeyType.Escape) {
      dash.message(filters.pop() ? "filter popped: " + (filters.isEmpty() ? "none left"
          : filters.describe()) : "no filter to pop");
    } else if (t == KeyType.Character && k.getCharacter() == '/') {
      dash.startSearch();
    } else {
      return false;
    }
    return true;
  }

  private void pushFromCell() {
    if (visible.isEmpty()) {
      return;
    }
    PairRecord p = visible.get(Math.max(0, visible.size() - 1 - fromBottom));
    dash.showStream(filterFor(p, cell));
    fromBottom = 0;
  }

  /** The filter a cell of {@code p} stands for. */
  static StreamFilter filterFor(PairRecord p, int cell) {
    switch (cell) {
      case 0:
        return StreamFilter.minLatency(p.durationNs());
      case 1:
        return StreamFilter.of(StreamFilter.Kind.COMM, p.comm());
      case 2:
        return StreamFilter.of(StreamFilter.Kind.PID, Integer.toString(p.pid()));
      case 3:
        return StreamFilter.of(StreamFilter.Kind.SYSCALL, p.syscall().name());
      default:
        return StreamFilter.of(StreamFilter.Kind.FILE, p.file() == null ? "" : p.file());
    }
  }

  private List<PairRecord> visible(LiveSnapshot s) {
    List<PairRecord> v = new ArrayList<>();
    for (PairRecord p : s.recent()) {
      if (filters.matches(p, line(p))) {
        v.add(p);
      }
    }
    return v;
  }

  /** The pairs the tab shows (through the filters), oldest first, exact values. */
  @Override
  public List<List<String>> table(LiveSnapshot s) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("latency_ns", "gap_ns", "comm", "pid", "tid", "syscall", "ret", "bytes",
        "file", "file2"));
    for (PairRecord p : visible(s)) {
      out.add(List.of(Long.toString(p.durationNs()), Long.toString(p.gapNs()), p.comm(),
          Integer.toString(p.pid()), Integer.toString(p.tid()), p.syscall().name(),
          Long.toString(p.ret()), Long.toString(p.bytes()), p.file() == null ? "" : p.file(),
          p.file2() == null ? "" : p.file2()));
    }
    return out;
  }

  @Override
  public String hint() {
    return "↑↓ row  ←→ cell  Enter push filter  Esc pop  / search  space pause";
  }
}
