// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import dev.ior.core.live.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A sortable table of syscalls, files or processes: count, total/avg/max latency, bytes read
 * and written, errors. {@code s} cycles the sort column, arrows select a row, Enter pushes the
 * row as a Stream filter, {@code l} shows its latency histogram, {@code k} the top user stacks
 * of a syscall or file, {@code g} groups files by directory and processes by container.
 */
final class TableView implements TabView {
  static final int NUM = 9;
  private static final String[] HEADERS = {"count", "total", "avg", "max", "read", "written",
      "errors"};
  private static final SortKey[] COLUMNS = {SortKey.COUNT, SortKey.TOTAL_TIME, SortKey.AVG_TIME,
      SortKey.MAX_TIME, SortKey.READ, SortKey.WRITTEN, SortKey.ERRORS};

  private final TableKind kind;
  private final Dashboard dash;
  private SortKey sort = SortKey.TOTAL_TIME;
  private boolean grouped;
  private int selected;
  private List<GroupStats> shown = List.of();

  TableView(TableKind kind, Dashboard dash) {
    this.kind = kind;
    this.dash = dash;
  }

  @Override
  public String title() {
    return kind.title();
  }

  SortKey sort() {
    return sort;
  }

  List<GroupStats> rows(LiveSnapshot s) {
    return sort.sort(kind.rows(s, grouped));
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    shown = rows(s);
    selected = Math.max(0, Math.min(selected, shown.size() - 1));
    int[] w = widths(c.width(), kind.detailHeader(grouped));
    int keyW = w[0];
    int detailW = w[1];
    c.put(0, top, header(keyW, detailW), Style.HEADER);
    int body = rows - 1;
    int first = Math.max(0, selected - body + 1);
    for (int i = 0; i < body && first + i < shown.size(); i++) {
      int r = first + i;
      Style st = r == selected ? Style.SELECTED : Style.NORMAL;
      c.fill(0, top + 1 + i, st);
      c.put(0, top + 1 + i, row(shown.get(r), keyW, detailW), st);
    }
    if (shown.isEmpty()) {
      c.put(1, top + 1, "(nothing traced yet)", Style.DIM);
    }
  }

  private String header(int keyW, int detailW) {
    StringBuilder sb = new StringBuilder(Units.fit(mark(SortKey.NAME)
        + kind.keyHeader(grouped), keyW));
    if (detailW > 0) {
      sb.append(Units.fit(kind.detailHeader(grouped), detailW));
    }
    for (int i = 0; i < HEADERS.length; i++) {
      sb.append(Units.right(mark(COLUMNS[i]) + HEADERS[i], NUM));
    }
    return sb.toString();
  }

  private String mark(SortKey k) {
    return k == sort ? "*" : "";
  }

  /**
   * Key and detail column widths for a table {@code width} wide: the numbers take 7 columns of
   * {@link #NUM}; a pid key is narrow and its comm takes the rest, otherwise the key (a path,
   * a container) takes the rest beside a short detail ("12 files", "3 processes").
   */
  static int[] widths(int width, String detailHeader) {
    int rest = width - NUM * 7 - 1;
    if (detailHeader.isEmpty()) {
      return new int[] {Math.max(10, rest), 0};
    }
    if (detailHeader.equals("comm")) {
      return new int[] {9, Math.max(10, rest - 9)};
    }
    int detail = Math.max(10, detailHeader.length() + 4);
    return new int[] {Math.max(10, rest - detail), detail};
  }

  static String row(GroupStats g, int keyW, int detailW) {
    StringBuilder sb = new StringBuilder(Units.tail(Names.shown(g.key()), keyW - 1)).append(' ');
    if (detailW > 0) {
      sb.append(Units.fit(Names.shown(g.detail()), detailW));
    }
    sb.append(Units.right(Units.count(g.count()), NUM))
        .append(Units.right(Units.ns(g.totalNs()), NUM))
        .append(Units.right(Units.ns(g.avgNs()), NUM))
        .append(Units.right(Units.ns(g.maxNs()), NUM))
        .append(Units.right(Units.bytes(g.bytesRead()), NUM))
        .append(Units.right(Units.bytes(g.bytesWritten()), NUM))
        .append(Units.right(Units.count(g.errors()), NUM));
    return sb.toString();
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    shown = rows(s);
    int step = step(k.getKeyType());
    if (step != 0) {
      selected = (int) Math.max(0, Math.min((long) selected + step, shown.size() - 1));
      return true;
    }
    if (k.getKeyType() == KeyType.Enter && selected < shown.size()) {
      StreamFilter f = kind.filterFor(shown.get(selected), grouped);
      if (f != null) {
        dash.showStream(f);
      }
      return true;
    }
    Character ch = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
    if (ch == null) {
      return false;
    }
    switch (ch) {
      case 's':
        sort = sort.next();
        return true;
      case 'g':
        grouped = kind.groupedBy() != null && !grouped;
        return true;
      case 'l':
        if (selected < shown.size()) {
          dash.showLatency(kind, grouped, shown.get(selected).key());
        }
        return true;
      case 'k':
        if (kind == TableKind.PROCESSES || grouped) {
          dash.message("k shows the stacks of a syscall or of a file (ungrouped)");
        } else if (selected < shown.size()) {
          dash.showStacks(kind, shown.get(selected).key());
        }
        return true;
      case 'x':
        if (kind == TableKind.SYSCALLS && selected < shown.size()) {
          dash.switchSyscall(shown.get(selected).key());
        }
        return true;
      case 'X':
        if (kind == TableKind.SYSCALLS) {
          dash.resumeSyscalls();
        }
        return true;
      default:
        return false;
    }
  }

  /** Rows a key moves the selection by: arrows 1, pages 10, Home/End to the ends; else 0. */
  private static int step(KeyType t) {
    switch (t) {
      case ArrowDown:
        return 1;
      case ArrowUp:
        return -1;
      case PageDown:
        return 10;
      case PageUp:
        return -10;
      case End:
        return Integer.MAX_VALUE / 2;
      case Home:
        return -Integer.MAX_VALUE / 2;
      default:
        return 0;
    }
  }

  @Override
  public String hint() {
    return "s sort(" + sort.label() + ")  ↑↓ select  Enter filter stream  l latency"
        + (kind == TableKind.PROCESSES ? "" : "  k stacks")
        + (kind.groupedBy() == null ? ""
            : "  g " + (grouped ? "ungroup" : "group by " + kind.groupedBy()))
        + (kind == TableKind.SYSCALLS ? "  x stop/resume tracing it  X resume all" : "");
  }

  @Override
  public List<List<String>> table(LiveSnapshot s) {
    List<List<String>> out = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(kind.keyHeader(grouped)));
    boolean detail = !kind.detailHeader(grouped).isEmpty();
    if (detail) {
      head.add(kind.detailHeader(grouped));
    }
    head.addAll(List.of("count", "total_ns", "avg_ns", "max_ns", "bytes_read",
        "bytes_written", "errors"));
    out.add(head);
    for (GroupStats g : rows(s)) {
      List<String> r = new ArrayList<>(List.of(g.key()));
      if (detail) {
        r.add(g.detail());
      }
      for (long v : new long[] {g.count(), g.totalNs(), g.avgNs(), g.maxNs(), g.bytesRead(),
          g.bytesWritten(), g.errors()}) {
        r.add(Long.toString(v));
      }
      out.add(r);
    }
    return out;
  }
}
