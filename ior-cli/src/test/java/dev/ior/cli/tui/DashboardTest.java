// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static dev.ior.cli.tui.TuiPairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.event.PairRecord;
import dev.ior.core.live.LiveStats;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard driven by keys on a text canvas: what each key does to the screen. */
class DashboardTest {
  @TempDir Path dir;
  private long now = 5_000_000_000L;
  private final LiveStats live = new LiveStats(() -> now, 100);

  private Dashboard dashboard(boolean pick) {
    live.accept(pair("db", 10, "read", "/d/a", 3_000, 100));
    live.accept(pair("db", 10, "read", "/d/a", 1_000, 100));
    live.accept(pair("db", 10, "write", "/d/b", 9_000, 7));
    live.accept(pair("sh", 11, "openat", "/e/c", 500, -2));
    CsvExport export = new CsvExport(dir,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    ProcessSource procs = () -> List.of(new ProcessSource.Info(11, "sh", "sh -c x"),
        new ProcessSource.Info(10, "db", "db --port 1"));
    Dashboard d = new Dashboard(live, new TuiOptions("comm ~ x", pick, procs, export),
        () -> now);
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

  private static KeyStroke key(KeyType t) {
    return new KeyStroke(t);
  }

  private static String lineWith(String screen, String text) {
    return screen.lines().filter(l -> l.contains(text)).findFirst().orElse("");
  }

  @Test
  void overviewShowsTotalsAndTopRows() {
    String s = screen(dashboard(false));
    assertTrue(s.contains(" 1 Overview "), s);
    assertTrue(s.contains("4 calls, 1 errors"), s);
    assertTrue(lineWith(s, "/d/b").contains("9.00us"), s);
    assertTrue(lineWith(s, "10       db").contains("3"), s);
  }

  @Test
  void xStopsAndResumesTracingTheSelectedSyscallInTheKernel() {
    List<String> switched = new java.util.ArrayList<>();
    CsvExport export = new CsvExport(dir, Clock.systemUTC());
    live.accept(pair("db", 10, "read", "/d/a", 3_000, 100));
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, List::of, export, () -> null,
        (name, on) -> {
          switched.add(name + "=" + on);
          return (on ? "tracing " : "stopped ") + name;
        }), () -> now);
    d.update();
    d.handle(ch('3'));
    assertTrue(screen(d).contains("x stop/resume tracing it"), screen(d));
    d.handle(ch('x'));
    assertTrue(screen(d).contains("stopped read"), screen(d));
    d.handle(ch('x'));
    d.handle(ch('x'));
    d.handle(ch('X'));
    assertEquals(List.of("read=false", "read=true", "read=false", "read=true"), switched);
    assertTrue(screen(d).contains("tracing again: read"), screen(d));
  }

  @Test
  void overviewShowsTheTracersEventRateAndEveryLoss() {
    java.util.concurrent.atomic.AtomicReference<TraceStats> tracer =
        new java.util.concurrent.atomic.AtomicReference<>(stats(1_000_000_000L, 1_000, 0));
    CsvExport export = new CsvExport(dir, Clock.systemUTC());
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, List::of, export,
        tracer::get), () -> now);
    d.update();
    assertTrue(lineWith(screen(d), "events/s").contains("1.00k events, lost 0"), screen(d));
    now += 1_000_000_000L;
    tracer.set(stats(2_000_000_000L, 6_000, 5));
    d.update();
    String line = lineWith(screen(d), "events/s");
    assertTrue(line.contains("5.00k"), "5,000 more events in one second: " + line);
    assertTrue(line.contains("6.00k events, LOST: ring full 5,"), line);
  }

  private static TraceStats stats(long durationNs, long events, long drops) {
    return new TraceStats(durationNs, new TraceStats.Records(events, events / 2, events / 2),
        new TraceStats.Calls(events / 2, events / 2, 0, 0, 0, 0, 0), new TraceStats.Bytes(0, 0, 0),
        new TraceStats.Names(0, 0, 0), new TraceStats.Uring(0, 0),
        Losses.builder().add(LossKind.RING_FULL, drops).build());
  }

  @Test
  void tablesSortAndPushAStreamFilter() {
    Dashboard d = dashboard(false);
    d.handle(ch('3'));
    String s = screen(d);
    assertTrue(lineWith(s, "syscall").contains("*total"), s);
    List<String> rows = s.lines().filter(l -> l.matches("^(read|write|openat) .*"))
        .collect(java.util.stream.Collectors.toList());
    assertEquals(List.of("write", "read", "openat"), rows.stream()
        .map(l -> l.split(" ")[0]).collect(java.util.stream.Collectors.toList()));
    d.handle(ch('s'));
    assertTrue(lineWith(screen(d), "syscall").contains("*avg"));
    d.handle(key(KeyType.ArrowDown));   // second row by avg: read (2us) after write (9us)
    d.handle(key(KeyType.Enter));
    String stream = screen(d);
    assertTrue(stream.contains("filter: syscall=read"), stream);
    assertEquals(2, stream.lines().filter(l -> l.contains(" read ")).count(), stream);
    assertFalse(stream.contains(" write "), stream);
    d.handle(key(KeyType.Escape));
    assertTrue(screen(d).contains(" write "), "popped");
  }

  @Test
  void filesGroupByDirectoryAndExportCsv() throws Exception {
    Dashboard d = dashboard(false);
    d.handle(ch('4'));
    d.handle(ch('g'));
    String s = screen(d);
    assertTrue(lineWith(s, "/d ").contains("2 files"), s);
    d.handle(ch('e'));
    Path csv = dir.resolve("ior-files-20260102-030405.csv");
    assertTrue(screen(d).contains("exported 2 rows to " + csv), screen(d));
    assertEquals(List.of("directory,files,count,total_ns,avg_ns,max_ns,bytes_read,"
        + "bytes_written,errors", "/d,2 files,3,13000,4333,9000,200,7,0",
        "/e,1 file,1,500,500,500,0,0,1"), Files.readAllLines(csv));
  }

  @Test
  void processesGroupByContainer() {
    String id = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8";
    java.util.Map<Long, CgroupInfo> known = java.util.Map.of(
        7L, CgroupInfo.of(7, "/system.slice/docker-" + id + ".scope"),
        8L, CgroupInfo.of(8, "/system.slice/nginx.service"));
    LiveStats byCgroup = new LiveStats(() -> now, 100, known::get);
    for (int pid = 20; pid < 23; pid++) {
      PairRecord p = pair("app", pid, "read", "/srv/x", 1_000, 10);
      byCgroup.accept(new PairRecord(p.syscall(), p.pid(), p.tid(), p.comm(), p.enterNs(),
          p.exitNs(), p.gapNs(), p.ret(), p.fd(), p.file(), p.file2(), p.flags(), p.bytes(),
          p.thread(), pid < 22 ? 7 : 8, 0));
    }
    Dashboard d = new Dashboard(byCgroup, new TuiOptions("all", false, List::of,
        new CsvExport(dir, Clock.systemUTC())), () -> now);
    d.update();
    d.handle(ch('5'));
    assertTrue(screen(d).contains("g group by container"), screen(d));
    d.handle(ch('g'));
    String s = screen(d);
    assertTrue(lineWith(s, "container").contains("processes"), s);
    assertTrue(lineWith(s, "docker:3f2a1b4c5d6e").contains("2 processes"), s);
    assertTrue(lineWith(s, "nginx.service").contains("1 process"), s);
    assertTrue(s.contains("g ungroup"), s);
  }

  @Test
  void pickerNarrowsToOneProcessInUserSpace() {
    Dashboard d = dashboard(true);
    assertTrue(screen(d).contains("Pick target"));
    assertTrue(d.handle(ch('q')), "q is typed into the search, it does not quit");
    assertFalse(dashboard(true).handle(new KeyStroke('c', true, false)),
        "Ctrl+C quits from the picker too, as everywhere");
    d.handle(key(KeyType.Backspace));
    d.handle(ch('s'));
    d.handle(ch('h'));
    d.handle(key(KeyType.Enter));
    String s = screen(d);
    assertTrue(s.contains("target pid 11"), s);
    live.accept(pair("db", 10, "read", "/d/a", 3_000, 100));
    live.accept(pair("sh", 11, "read", "/e/c", 3_000, 100));
    now += 1_000_000_000L;
    d.update();
    assertTrue(screen(d).contains("1 calls, 0 errors"), screen(d));
  }

  @Test
  void flameKeysHelpPauseResetAndQuit() {
    Dashboard d = dashboard(false);
    d.handle(ch('2'));
    assertTrue(screen(d).contains("order: comm > syscall > file   metric: count"));
    d.handle(ch('f'));
    d.handle(ch('m'));
    assertTrue(screen(d).contains("order: syscall > file > comm   metric: time"));
    d.handle(key(KeyType.ArrowUp));
    d.handle(key(KeyType.Enter));
    assertTrue(screen(d).contains("zoom: all > write"), "the widest by time"); // 9 us
    d.handle(key(KeyType.Escape));
    assertTrue(lineWith(screen(d), "zoom:").endsWith("zoom: all"));
    d.handle(ch('?'));
    assertTrue(screen(d).contains("Global keys"));
    d.handle(ch('x'));
    assertFalse(screen(d).contains("Global keys"));
    d.handle(ch(' '));
    assertTrue(screen(d).contains("[PAUSED]"));
    d.handle(ch(' '));
    d.handle(ch('r'));
    d.handle(ch('1'));
    assertTrue(screen(d).contains("0 calls, 0 errors"), screen(d));
    assertFalse(d.handle(ch('q')));
    assertFalse(d.handle(new KeyStroke('c', true, false)), "Ctrl+C quits");
  }

  @Test
  void tinyTerminalsDrawEveryTabAndOverlayWithoutFailing() {
    Dashboard d = dashboard(true);
    for (int[] size : new int[][] {{1, 1}, {10, 4}, {40, 8}}) {
      for (char tab = '1'; tab <= '7'; tab++) {
        TextCanvas c = new TextCanvas(size[0], size[1]);
        d.draw(c);
        d.handle(key(KeyType.Escape));
        d.handle(ch(tab));
        d.draw(new TextCanvas(size[0], size[1]));
      }
      d.handle(ch('?'));
      d.draw(new TextCanvas(size[0], size[1]));
      d.handle(ch('x'));
    }
  }

  @Test
  void streamAndLatencyExportWhatTheyShowAndPagesMoveTheSelection() throws Exception {
    Dashboard d = dashboard(false);
    d.handle(ch('7'));
    d.handle(key(KeyType.ArrowLeft));                // from syscall to the pid cell
    d.handle(key(KeyType.Enter));                    // pid=11 (sh), the newest pair
    assertTrue(screen(d).contains("filter: pid=11"), screen(d));
    d.handle(ch('e'));
    assertEquals(List.of("latency_ns,gap_ns,comm,pid,tid,syscall,ret,bytes,file,file2",
        "500,500,sh,11,11,openat,-2,0,/e/c,"),
        Files.readAllLines(dir.resolve("ior-stream-20260102-030405.csv")));
    d.handle(ch('6'));
    d.handle(ch('e'));
    List<String> lat = Files.readAllLines(dir.resolve("ior-latency-20260102-030405.csv"));
    assertEquals("from_ns,below_ns,latency_count,gap_count", lat.get(0));
    assertEquals("256,512,1,4", lat.get(10), "all four gaps and the openat are 500 ns");
    assertEquals("8192,16384,1,0", lat.get(15), "the 9 us write");
    d.handle(ch('3'));
    d.handle(key(KeyType.End));
    d.handle(key(KeyType.Enter));
    assertTrue(screen(d).contains("filter: pid=11 > syscall=openat"), "End selects the last row");
  }
}
