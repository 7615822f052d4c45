// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static dev.ior.cli.tui.TuiPairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.live.LiveStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain table {@code -tui} prints when stdout is not a terminal. */
class PlainReportTest {
  @Test
  void reportHasTotalsAndTheTopRowsOfEachTable() {
    long[] now = {0};
    LiveStats live = new LiveStats(() -> now[0], 10);
    live.accept(pair("db", 10, "read", "/d/a", 3_000, 100));
    live.accept(pair("db", 10, "write", "/d/b", 9_000, 7));
    live.accept(pair("sh", 11, "openat", "/e/c", 500, -2));
    now[0] = 2_000_000_000L;
    List<String> lines = new PlainReport(live, 80, 2).format(live.snapshot()).lines().toList();
    assertEquals("--- ior: 2.00s elapsed, 3 calls (1.5/s), 100B read, 7B written, 1 errors",
        lines.get(0));
    assertEquals("syscall             count    total      avg      max     read  written   errors",
        lines.get(1));
    assertEquals("write                   1   9.00us   9.00us   9.00us       0B       7B        0",
        lines.get(2));
    assertEquals(3 * 3 + 1, lines.size(), "header and two rows per table");
    assertEquals("pid      comm          count    total      avg      max     read  written"
        + "   errors", lines.get(7));
    assertEquals("10       db                2   12.0us   6.00us   9.00us     100B       7B"
        + "        0", lines.get(8));
  }
}
