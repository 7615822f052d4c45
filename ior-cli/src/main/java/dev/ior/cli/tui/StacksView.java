// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Stacks tab: which code did the I/O of the file or syscall chosen with {@code k} in a table
 * (or of all calls): the top user stacks by time, count or bytes, each on one line innermost
 * frame first (the syscall's wrapper, then its callers), and the selected stack in full below.
 * Only calls whose stack the {@code -stacks} policy took are ranked; the title says how many of
 * the selection's calls that is.
 */
final class StacksView implements TabView {
  private static final String SEPARATOR = " < ";
  private TableKind kind;
  private String key;
  private FlameMetric metric = FlameMetric.TIME;
  private int selected;

  @Override
  public String title() {
    return "Stacks";
  }

  /** Shows the stacks of one syscall or file row (kind SYSCALLS or FILES). */
  void select(TableKind kind, String key) {
    this.kind = kind;
    this.key = key;
    selected = 0;
  }

  private List<StackRanking.Row> rows(LiveSnapshot s) {
    return StackRanking.rank(s.stacks(), kind, key, metric);
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    List<StackRanking.Row> ranked = rows(s);
    selected = Math.max(0, Math.min(selected, ranked.size() - 1));
    long calls = calls(s);
    long stacked = 0;
    long total = 0;
    for (StackRanking.Row r : ranked) {
      stacked += r.count();
      total += r.value(metric);
    }
    c.put(1, top, "Stacks of " + what() + ": " + Units.count(stacked) + " of "
        + Units.count(calls) + " calls have a stack   metric: " + metric.label(), Style.HEADER);
    if (ranked.isEmpty()) {
      c.put(3, top + 2, s.stacks().isEmpty()
          ? "(no call has a stack: start ior with -stacks sample:64,slow:1ms, -stacks all or"
              + " -fields stack to see which code did the I/O)"
          : "(none of these calls had its stack taken yet: the -stacks policy takes some)",
          Style.DIM);
      return;
    }
    int listRows = Math.max(1, Math.min(ranked.size(), (rows - 3) / 2));
    c.put(0, top + 1, String.format(Locale.ROOT, "%9s %6s %9s %9s  %s", "total", "share",
        "count", "bytes", "stack, innermost frame first"), Style.HEADER);
    int first = Math.max(0, selected - listRows + 1);
    for (int i = 0; i < listRows && first + i < ranked.size(); i++) {
      int r = first + i;
      Style st = r == selected ? Style.SELECTED : Style.NORMAL;
      c.fill(0, top + 2 + i, st);
      c.put(0, top + 2 + i, line(ranked.get(r), total), st);
    }
    drawFrames(c, top + 2 + listRows, rows - 2 - listRows, ranked.get(selected));
  }

  private String line(StackRanking.Row r, long total) {
    double share = total == 0 ? 0 : 100.0 * r.value(metric) / total;
    return String.format(Locale.ROOT, "%9s %5.1f%% %9s %9s  %s", Units.ns(r.totalNs()), share,
        Units.count(r.count()), Units.bytes(r.bytes()), innermostFirst(r, SEPARATOR));
  }

  /** The selected stack, one frame a row, innermost first; what does not fit is counted. */
  private static void drawFrames(Canvas c, int top, int rows, StackRanking.Row r) {
    if (rows < 2) {
      return;
    }
    List<String> frames = r.stack().frames();
    c.put(1, top, "selected stack, innermost frame first (" + frames.size() + " frames):",
        Style.HEADER);
    int room = rows - 1;
    for (int i = 0; i < frames.size() && i < room; i++) {
      int f = frames.size() - 1 - i;
      boolean cut = i == room - 1 && frames.size() > room;
      c.put(3, top + 1 + i, cut ? "... " + (f + 1) + " more frames down to "
          + Names.shown(frames.get(0)) : Names.shown(frames.get(f)), Style.NORMAL);
    }
  }

  private static String innermostFirst(StackRanking.Row r, String separator) {
    List<String> frames = r.stack().frames();
    StringBuilder b = new StringBuilder();
    for (int i = frames.size() - 1; i >= 0; i--) {
      b.append(Names.shown(frames.get(i)));
      if (i > 0) {
        b.append(separator);
      }
    }
    return b.toString();
  }

  private String what() {
    return kind == null ? "all calls" : kind.keyHeader(false) + " " + Names.shown(key);
  }

  /** Calls of the selection, with or without a stack. */
  private long calls(LiveSnapshot s) {
    if (kind == null) {
      return s.total().count();
    }
    for (GroupStats g : kind.rows(s, false)) {
      if (g.key().equals(key)) {
        return g.count();
      }
    }
    return 0;
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    switch (k.getKeyType()) {
      case ArrowDown:
        selected = Math.min(selected + 1, Math.max(0, rows(s).size() - 1));
        return true;
      case ArrowUp:
        selected = Math.max(0, selected - 1);
        return true;
      case Character:
        break;
      default:
        return false;
    }
    switch (k.getCharacter()) {
      case 'm':
        metric = metric.next();
        return true;
      case 'o':
        kind = null;
        key = null;
        selected = 0;
        return true;
      default:
        return false;
    }
  }

  @Override
  public String hint() {
    return "↑↓ select  m metric(" + metric.label() + ")  o all calls  (k on a syscall or file"
        + " row shows its stacks)";
  }

  /** The ranked stacks: totals, then the stack root first, frames joined by {@code ;}. */
  @Override
  public List<List<String>> table(LiveSnapshot s) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("total_ns", "count", "bytes", "stack"));
    for (StackRanking.Row r : rows(s)) {
      out.add(List.of(Long.toString(r.totalNs()), Long.toString(r.count()),
          Long.toString(r.bytes()), r.stack().folded()));
    }
    return out;
  }
}
