// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.event.PairRecord;
import dev.ior.core.live.LiveStats;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.SyscallTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Stacks tab: the top user stacks of the file or syscall chosen with k in a table. */
class StacksTabTest {
  private static final SyscallTable T = SyscallTable.standard();
  private static final CallStack LOG = new CallStack(List.of("main", "flush_log", "write_all",
      "write"));
  private static final CallStack INDEX = new CallStack(List.of("main", "load_index", "read"));
  private static final CallStack SYNC = new CallStack(List.of("main", "flush_log", "fsync"));

  @TempDir Path dir;
  private final long now = 5_000_000_000L;
  private final LiveStats live = new LiveStats(() -> now, 100);

  private static PairRecord call(String syscall, String file, long ns, long bytes,
      CallStack stack) {
    return new PairRecord(T.byName(syscall), 10, 10, "db", 1_000, 1_000 + ns, 0, bytes, 3, file,
        null, 0, bytes, "db", 0, 0, stack);
  }

  private Dashboard dashboard() {
    for (int i = 0; i < 3; i++) {
      live.accept(call("write", "/d/log", 2_000, 100, LOG));
    }
    live.accept(call("write", "/d/log", 1_000, 100, CallStack.NOT_TAKEN)); // sampled out
    live.accept(call("fsync", "/d/log", 50_000, 0, SYNC));
    live.accept(call("read", "/d/idx", 1_000, 4096, INDEX));
    live.accept(call("write", "/d/other", 7_000, 10, LOG));
    CsvExport export = new CsvExport(dir,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, List::of, export), () -> now);
    d.update();
    return d;
  }

  private static String screen(Dashboard d) {
    TextCanvas c = new TextCanvas(120, 30);
    d.draw(c);
    return c.text();
  }

  private static KeyStroke ch(char c) {
    return new KeyStroke(c, false, false);
  }

  /** Moves the table selection down to the row whose first column is {@code key}. */
  private static void selectRow(Dashboard d, String key) {
    for (int i = 0; i < 10 && !selectedLine(d).startsWith(key + " "); i++) {
      d.handle(new KeyStroke(KeyType.ArrowDown));
    }
    assertTrue(selectedLine(d).startsWith(key + " "), screen(d));
  }

  private static String selectedLine(Dashboard d) {
    TextCanvas c = new TextCanvas(120, 30);
    d.draw(c);
    for (int r = 3; r < c.height() - 1; r++) {
      if (c.style(0, r) == Style.SELECTED) {
        return c.line(r);
      }
    }
    return "";
  }

  @Test
  void kOnAFileShowsItsTopStacksByTimeInnermostFrameFirst() {
    Dashboard d = dashboard();
    d.handle(ch('4')); // Files, sorted by total time: /d/log (57us) first
    assertTrue(screen(d).contains("k stacks"), screen(d));
    d.handle(ch('k'));
    String s = screen(d);
    assertTrue(s.contains(" 8 Stacks"), s);
    assertTrue(s.contains("Stacks of file /d/log: 4 of 5 calls have a stack   metric: time"), s);
    List<String> rows = s.lines().filter(l -> l.contains(" < ")).toList();
    assertEquals(2, rows.size(), s);
    assertTrue(rows.get(0).contains("50.0us") && rows.get(0).endsWith("fsync < flush_log < main"),
        s);
    assertTrue(rows.get(1).contains("6.00us") && rows.get(1).contains("300B")
        && rows.get(1).endsWith("write < write_all < flush_log < main"), s);
    // the selected (first) stack in full below the list, innermost first
    assertTrue(s.contains("selected stack, innermost frame first (3 frames):"), s);
    String below = s.substring(s.indexOf("selected stack"));
    assertTrue(below.indexOf("fsync") < below.indexOf("flush_log")
        && below.indexOf("flush_log") < below.indexOf("main"), below);
  }

  @Test
  void kOnASyscallMergesItsStacksOverFilesAndMCyclesTheMetric() {
    Dashboard d = dashboard();
    d.handle(ch('3'));
    selectRow(d, "write");
    d.handle(ch('k'));
    String s = screen(d);
    assertTrue(s.contains("Stacks of syscall write: 4 of 5 calls have a stack"), s);
    List<String> rows = s.lines().filter(l -> l.contains(" < ")).toList();
    assertEquals(1, rows.size(), "one stack wrote both files: " + s);
    assertTrue(rows.get(0).contains("13.0us") && rows.get(0).contains("100.0%"), s);
    d.handle(ch('m'));
    assertTrue(screen(d).contains("metric: bytes"), screen(d));
    d.handle(ch('o'));
    s = screen(d);
    assertTrue(s.contains("Stacks of all calls: 6 of 7 calls have a stack   metric: bytes"), s);
    List<String> all = s.lines().filter(l -> l.contains(" < ")).toList();
    assertTrue(all.get(0).endsWith("read < load_index < main"), "4096 bytes read first: " + s);
  }

  @Test
  void exportWritesTheRankedStacksRootFirst() throws Exception {
    Dashboard d = dashboard();
    d.handle(ch('8'));
    d.handle(ch('e'));
    Path csv = dir.resolve("ior-stacks-20260102-030405.csv");
    assertTrue(screen(d).contains("exported 3 rows to " + csv), screen(d));
    assertEquals(List.of("total_ns,count,bytes,stack", "50000,1,0,main;flush_log;fsync",
        "13000,4,310,main;flush_log;write_all;write", "1000,1,4096,main;load_index;read"),
        Files.readAllLines(csv));
  }

  @Test
  void withoutStacksItSaysHowToTakeThem() {
    live.accept(call("write", "/d/log", 2_000, 100, CallStack.NOT_TAKEN));
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, List::of,
        new CsvExport(dir, Clock.systemUTC())), () -> now);
    d.update();
    d.handle(ch('8'));
    assertTrue(screen(d).contains("(no call has a stack: start ior with -stacks"), screen(d));
    d.handle(ch('5'));
    d.handle(ch('k'));
    assertTrue(screen(d).contains("k shows the stacks of a syscall or of a file"), screen(d));
  }

  @Test
  void aStackDeeperThanTheScreenSaysHowManyFramesAreLeft() {
    List<String> deep = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      deep.add("f" + i);
    }
    live.accept(call("write", "/d/log", 2_000, 100, new CallStack(deep)));
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, List::of,
        new CsvExport(dir, Clock.systemUTC())), () -> now);
    d.update();
    d.handle(ch('8'));
    String s = screen(d);
    assertTrue(s.contains("(60 frames):"), s);
    assertTrue(s.matches("(?s).*\\.\\.\\. \\d+ more frames down to f0.*"), s);
    TextCanvas tiny = new TextCanvas(20, 3);
    d.draw(tiny); // must not throw on a terminal too small for anything
  }
}
