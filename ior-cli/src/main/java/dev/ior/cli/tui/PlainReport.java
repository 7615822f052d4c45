// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import dev.ior.core.live.LiveStats;
import dev.ior.core.live.SortKey;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What {@code -tui} does when stdout is not a terminal: every period, a plain-text block with
 * the totals and the top syscalls, files and processes by total time, like {@code top -b}.
 *
 * <pre>{@code
 * new PlainReport(live, 120, 10).run(() -> !session.isDone(), System.out, 1000);
 * }</pre>
 */
public final class PlainReport {
  private final LiveStats live;
  private final int width;
  private final int rowsPerTable;

  /** Reports of {@code width} columns with at most {@code rowsPerTable} rows per table. */
  public PlainReport(LiveStats live, int width, int rowsPerTable) {
    this.live = live;
    this.width = width;
    this.rowsPerTable = rowsPerTable;
  }

  /** Prints a report every {@code periodMs} while {@code running} holds, and a last one. */
  public void run(BooleanSupplier running, PrintStream out, long periodMs)
      throws InterruptedException {
    long next = System.nanoTime() + periodMs * 1_000_000L;
    while (running.getAsBoolean()) {
      if (System.nanoTime() >= next) {
        out.print(format(live.snapshot()));
        out.flush();
        next += periodMs * 1_000_000L;
      }
      Thread.sleep(50);
    }
    out.print(format(live.snapshot()));
    out.flush();
  }

  /** One report. */
  public String format(LiveSnapshot s) {
    StringBuilder sb = new StringBuilder();
    GroupStats t = s.total();
    sb.append(String.format(java.util.Locale.ROOT,
        "--- ior: %s elapsed, %d calls (%s/s), %s read, %s written, %d errors%n",
        Units.ns(s.elapsedNs()), t.count(), Units.count(s.pairsPerSecond()),
        Units.bytes(t.bytesRead()), Units.bytes(t.bytesWritten()), t.errors()));
    table(sb, "syscall", "", s.syscalls());
    table(sb, "file", "", s.files());
    table(sb, "pid", "comm", s.processes());
    return sb.toString();
  }

  private void table(StringBuilder sb, String key, String detail, List<GroupStats> rows) {
    int[] w = TableView.widths(width, detail);
    int keyW = w[0];
    int detailW = w[1];
    sb.append(Units.fit(key, keyW)).append(Units.fit(detail, detailW));
    for (String h : new String[] {"count", "total", "avg", "max", "read", "written", "errors"}) {
      sb.append(Units.right(h, TableView.NUM));
    }
    sb.append('\n');
    List<GroupStats> top = SortKey.TOTAL_TIME.sort(rows);
    for (int i = 0; i < rowsPerTable && i < top.size(); i++) {
      sb.append(TableView.row(top.get(i), keyW, detailW).stripTrailing()).append('\n');
    }
  }
}
