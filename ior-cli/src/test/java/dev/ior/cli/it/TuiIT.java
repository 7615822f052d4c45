// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ior.testdata.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ior -tui} in a real terminal (tmux) against the iorwl workload on the real kernel. */
class TuiIT {
  /** Few tracepoints: detaching all of them takes seconds. */
  static final String TPS = "_(openat|pread64|pwrite64|close)$";
  static final int ITERATIONS = 500;

  @TempDir Path dir;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  private long runMix(Path wd) throws Exception {
    Process w = new ProcessBuilder(Workload.binary().toString(), "mix",
        Integer.toString(ITERATIONS), wd.toString()).redirectErrorStream(true).start();
    w.getInputStream().readAllBytes();
    assertEquals(0, w.waitFor());
    return w.pid();
  }

  /** Starts the mix workload waiting for a line on stdin, so that its pid is known first. */
  private Process startMix(Path wd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Workload.binary().toString(), "mix",
        Integer.toString(ITERATIONS), wd.toString()).redirectErrorStream(true);
    pb.environment().put("IORWL_WAIT", "1");
    return pb.start();
  }

  private static void release(Process w) throws Exception {
    w.getOutputStream().write('\n');
    w.getOutputStream().flush();
    w.getInputStream().readAllBytes();
    assertEquals(0, w.waitFor());
  }

  @Test
  void dashboardShowsTheWorkloadAndAnswersKeys() throws Exception {
    Tmux.require();
    Path wd = Files.createDirectory(dir.resolve("wl"));
    String mixFile = wd.resolve("iorwl-mix.dat").toString();
    String cmd = "stty -g > stty.before; '" + CliProcess.repo().resolve("bin/ior") + "' -tui"
        + " -comm " + Workload.COMM + " -tps '" + TPS + "' 2> err.txt; rc=$?; date +%s%N > exited.ns;"
        + " echo \"IOR-EXITED $rc\"; stty -g > stty.after; exec sleep 600";
    try (Tmux t = new Tmux(dir, 160, 48, cmd)) {
      try {
        t.await("1 Overview", 60);
      } catch (AssertionError e) {
        Path err = dir.resolve("err.txt");
        fail(e.getMessage() + "\nstderr: " + (Files.exists(err) ? Files.readString(err) : "none"));
      }
      awaitFile(dir.resolve("err.txt"), "Ctrl+C to stop");
      // Other iorwl runs may share the machine: the picker narrows the view to ours.
      Process w = startMix(wd);
      long pid = w.pid();
      t.keys("p");
      t.await("Pick target", 5);
      t.keys("-l", Long.toString(pid));
      t.await("our pid in the picker", s -> line(s, pid + "  iorwl") != null, 10);
      t.keys("Enter");
      t.await("target pid " + pid, 30); // shown once attached: the verifier takes seconds at load
      release(w);
      String overview = t.await(mixFile, 10);
      assertTrue(overview.contains("Top processes by total time"), overview);

      t.keys("4");
      // 500 openat + pwrite64 + pread64 + close on one file; 4 KiB read and written each time.
      // Waiting for the whole row: tmux may capture a refresh half drawn (seen in CI: the row
      // without its last column).
      String mixRow = ".*\\s2\\.00k\\s.*\\s1\\.95M\\s+1\\.95M\\s+0$";
      String files = t.await("Files table with the mix file's whole row", s -> line(s, "*total")
          != null && line(s, "*total").startsWith("file ") && line(s, mixFile) != null
          && line(s, mixFile).matches(mixRow), 10);
      assertTrue(line(files, mixFile).matches(mixRow), line(files, mixFile));
      t.keys("s");
      assertTrue(line(t.await("*avg", 5), "*avg").startsWith("file"), "sort moved to avg");
      t.keys("g");
      // Waiting for the whole answer, not its first line: tmux may capture a refresh half drawn.
      String dirRow = wd.toString() + " ";
      String grouped = t.await("the grouped row", s -> s.contains("directory")
          && line(s, dirRow) != null && line(s, dirRow).contains("1 file"), 5);
      assertTrue(line(grouped, dirRow).contains("1 file"), grouped);
      t.keys("g");
      t.await("Files ungrouped", s -> line(s, mixFile) != null, 5);

      t.keys("e");
      Pattern export = Pattern.compile("exported (\\d+) rows to (\\S+\\.csv)");
      // The whole message, not its start: tmux may capture the status line half redrawn.
      String exported = t.await("the export message", s -> export.matcher(s).find(), 5);
      Matcher m = export.matcher(exported);
      assertTrue(m.find(), exported);
      List<String> csv = Files.readAllLines(Path.of(m.group(2)), StandardCharsets.UTF_8);
      assertEquals("file,count,total_ns,avg_ns,max_ns,bytes_read,bytes_written,errors",
          csv.get(0));
      assertEquals(Integer.parseInt(m.group(1)) + 1, csv.size());
      String row = csv.stream().filter(l -> l.startsWith(mixFile + ",")).findFirst().orElseThrow();
      String[] f = row.split(",");
      assertEquals("2000", f[1], row);
      assertEquals("2048000", f[5], row);
      assertEquals("2048000", f[6], row);
      assertEquals(Path.of(m.group(2)).getParent(), dir, "export goes to the working directory");

      t.keys("5");
      String procs = t.await("our pid", s -> line(s, pid + " ") != null
          && line(s, pid + " ").contains("iorwl"), 5);
      assertTrue(line(procs, pid + " ").contains("iorwl"), procs);

      flameKeys(t);
      streamKeys(t, mixFile);

      t.keys("6");
      String lat = t.await("Latency of all syscalls", s -> s.contains("Latency of all syscalls")
          && s.contains("p50") && s.contains("p99") && s.contains(" .. "), 5);
      assertTrue(lat.contains("p50") && lat.contains("p99") && lat.contains(" .. "), lat);
      t.keys("?");
      t.await("Global keys", 5);
      t.keys("x");
      t.await("help closed", s -> !s.contains("Global keys"), 5);
      t.keys("Space");
      t.await("[PAUSED]", 5);
      t.keys("Space");
      t.await("resumed", s -> !s.contains("[PAUSED]"), 5);

      long sentMs = System.currentTimeMillis();
      t.keys("q");
      String after = t.await("IOR-EXITED", 60);
      assertTrue(after.contains("IOR-EXITED 0"), after);
      long ms = Long.parseLong(Files.readString(dir.resolve("exited.ns")).trim()) / 1_000_000
          - sentMs;
      System.out.println("ior -tui exited " + ms + " ms after q");
      assertTrue(ms < 3000, "q took " + ms + " ms to give the shell back (target 1 s)");
      assertEquals("0", t.display("#{alternate_on}"), "left the alternate screen");
      String err = Files.readString(dir.resolve("err.txt"));
      assertTrue(err.contains("syscalls paired:"), err);
      assertFalse(err.contains("Exception"), err);
      awaitFile(dir.resolve("stty.after"), ":");
      assertEquals(Files.readString(dir.resolve("stty.before")),
          Files.readString(dir.resolve("stty.after")), "terminal modes restored");
    }
  }

  private void flameKeys(Tmux t) throws Exception {
    t.keys("2");
    String flame = t.await("the flame tab", s -> s.contains("order: comm > syscall > file")
        && s.contains("metric: count") && s.contains("iorwl"), 5);
    assertTrue(flame.contains("metric: count") && flame.contains("iorwl"), flame);
    t.keys("m");
    t.await("metric: time", 5);
    t.keys("f");
    t.await("order: syscall > file > comm", 5);
    t.keys("Up");
    Pattern selected = Pattern.compile("selected: (?!all )(\\w+) ");
    String sel = t.await("a selected syscall", s -> selected.matcher(s).find(), 5);
    Matcher m = selected.matcher(sel);
    assertTrue(m.find(), sel);
    t.keys("Enter");
    t.await("zoom: all > " + m.group(1), 5);
    t.keys("Escape");
    t.await("zoomed out", s -> line(s, "zoom: all") != null && line(s, "zoom: all")
        .endsWith("zoom: all"), 5);
  }

  private void streamKeys(Tmux t, String mixFile) throws Exception {
    t.keys("7");
    t.await(mixFile, 5);
    t.keys("Enter"); // the newest row's syscall cell
    // The header and the rows are one refresh, but tmux may capture it half written: wait
    // until the rows show the filter too, and fail only if they never do.
    String filtered = t.await("filter applied to the rows", s -> onlyFiltered(s) != null, 5);
    List<String> rows = streamRows(filtered);
    assertFalse(rows.isEmpty(), filtered);
    assertTrue(rows.stream().allMatch(r -> r.contains(" " + onlyFiltered(filtered) + " ")),
        filtered);
    t.keys("Escape");
    t.await("no filter", 5);
    t.keys("/");
    t.keys("-l", "mix.dat");
    t.keys("Enter");
    String searched = t.await("search applied to the rows", s -> s.contains("filter: /mix.dat")
        && streamRows(s).stream().allMatch(r -> r.contains("mix.dat")), 5);
    assertFalse(streamRows(searched).isEmpty(), searched);
    t.keys("Escape");
    t.await("no filter", 5);
  }

  /** The syscall of a "filter: syscall=X" screen whose rows all show X, else null. */
  private static String onlyFiltered(String screen) {
    Matcher m = Pattern.compile("filter: syscall=(\\w+)").matcher(screen);
    if (!m.find()) {
      return null;
    }
    String syscall = m.group(1);
    List<String> rows = streamRows(screen);
    return !rows.isEmpty() && rows.stream().allMatch(r -> r.contains(" " + syscall + " "))
        ? syscall : null;
  }

  /** The Stream tab's pair lines (below its header, above the status line). */
  private static List<String> streamRows(String screen) {
    List<String> lines = Arrays.asList(screen.split("\n"));
    int header = 0;
    while (header < lines.size() && !lines.get(header).contains("latency comm")) {
      header++;
    }
    return lines.subList(header + 1, Math.max(header + 1, lines.size() - 1)).stream()
        .filter(l -> l.contains("iorwl")).collect(Collectors.toList());
  }

  private static String line(String screen, String text) {
    return Arrays.stream(screen.split("\n")).filter(l -> l.contains(text)).findFirst()
        .map(String::strip).orElse(null);
  }

  static void awaitFile(Path file, String text) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100); // a file another process writes; no event to wait on
    }
    fail(file + " never contained '" + text + "'");
  }

  @Test
  void pickerFirstResizeAndCtrlCQuitWritingFileOutputs() throws Exception {
    Tmux.require();
    Process w = startMix(dir); // before ior, so that the picker lists it
    String cmd = "'" + CliProcess.repo().resolve("bin/ior") + "' -tui -flamegraph -name "
        + dir.resolve("run") + " -tps '" + TPS + "' 2> err.txt;"
        + " echo \"IOR-EXITED $?\"; exec sleep 600";
    try (Tmux t = new Tmux(dir, 160, 48, cmd)) {
      t.await("Pick target", 60); // no -pid, no -comm: the picker comes first
      t.await("all processes", 5);
      t.keys("-l", Long.toString(w.pid()));
      t.await("the workload in the picker", s -> line(s, w.pid() + "  iorwl") != null, 10);
      t.keys("Enter");
      t.await("target pid " + w.pid(), 30);
      awaitFile(dir.resolve("err.txt"), "Ctrl+C to stop");
      release(w);
      t.keys("4");
      String wide = t.await("the workload's file", s -> line(s, "iorwl-mix.dat") != null, 10);
      assertTrue(wide.lines().anyMatch(l -> l.length() > 120), "laid out for 160 columns");
      t.resize(100, 30);
      String narrow = t.await("a 100-column layout", s -> s.lines().count() <= 30
          && s.lines().allMatch(l -> l.length() <= 100) && line(s, "errors") != null
          && line(s, "errors").endsWith("errors") && line(s, "q quit") != null, 10);
      assertTrue(line(narrow, "iorwl-mix.dat").endsWith(" 0"), narrow);
      t.keys("C-c");
      String after = t.await("IOR-EXITED", 60);
      assertTrue(after.contains("IOR-EXITED 0"), after);
      assertEquals("0", t.display("#{alternate_on}"));
      assertTrue(Files.readString(dir.resolve("err.txt")).contains("syscalls paired:"));
      assertTrue(Files.readString(dir.resolve("run.svg")).contains("iorwl"),
          "-flamegraph requested with -tui is written when the dashboard ends");
    }
  }

  @Test
  void withoutATerminalPrintsPlainTables() throws Exception {
    CliProcess ior = new CliProcess("ior", "-tui", "-comm", Workload.COMM, "-tps", TPS,
        "-duration", "4");
    ior.awaitErr("Ctrl+C to stop", 60);
    runMix(dir);
    assertEquals(0, ior.waitFor(60), ior.err());
    assertTrue(ior.err().contains("-tui needs a terminal"), ior.err());
    String out = ior.out();
    assertTrue(out.startsWith("--- ior: "), out);
    String last = out.substring(out.lastIndexOf("--- ior: "));
    assertTrue(last.contains(dir.resolve("iorwl-mix.dat").toString()), last);
    assertTrue(last.contains("iorwl"), last);
  }

  /**
   * The Stacks tab on the real kernel: a C program with a known call chain (frame pointers), its
   * writes traced with every stack; k on the write row shows the chain innermost first.
   */
  @Test
  void kOnTheWriteRowShowsTheProgramsCallChain() throws Exception {
    Tmux.require();
    Path src = CliProcess.repo().resolve("ior-bpf/src/test/c/callchain.c");
    Path exe = dir.resolve("callchain");
    Process cc = new ProcessBuilder("gcc", "-O1", "-g", "-fno-omit-frame-pointer", "-fno-inline",
        "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
    String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, cc.waitFor(), ccOut);
    String cmd = "'" + CliProcess.repo().resolve("bin/ior") + "' -tui -stacks all -comm callchain"
        + " -tps '_write$' 2> err.txt; echo \"IOR-EXITED $?\"; exec sleep 600";
    try (Tmux t = new Tmux(dir, 160, 48, cmd)) {
      t.await("1 Overview", 60);
      awaitFile(dir.resolve("err.txt"), "Ctrl+C to stop");
      Process w = new ProcessBuilder(exe.toString(), dir.resolve("log").toString(), "200", "3000")
          .redirectErrorStream(true).start();
      t.keys("3");
      t.await("the write row", s -> line(s, "write ") != null
          && line(s, "write ").matches("write\\s+200\\s.*"), 15);
      t.keys("k");
      String stacks = t.await("the call chain", s -> s.contains("Stacks of syscall write: 200 of"
          + " 200 calls have a stack") && line(s, "write < write_all < flush_log < main") != null,
          15);
      assertTrue(line(stacks, "write < write_all").contains("100.0%"), stacks);
      assertTrue(stacks.contains("selected stack, innermost frame first"), stacks);
      t.keys("q");
      assertTrue(t.await("IOR-EXITED", 60).contains("IOR-EXITED 0"));
      assertEquals(0, w.waitFor());
    }
  }

  @Test
  void theFirstFrameComesAtOnceAndAUsageErrorIsReadOnTheNormalScreen() throws Exception {
    Tmux.require();
    // The frame is drawn before the options are parsed; the error, found in parsing, must then
    // leave the alternate screen before it is printed, or the shell's screen hides it.
    String cmd = "echo BEFORE-IOR; '" + CliProcess.repo().resolve("bin/ior")
        + "' -tui -comm benchst -no-such-flag; echo \"IOR-EXITED $?\"; exec sleep 600";
    try (Tmux t = new Tmux(dir, 120, 40, cmd)) {
      String after = t.await("IOR-EXITED", 60);
      assertTrue(after.contains("IOR-EXITED 2"), after);
      assertTrue(after.contains("ior: Unknown option: '-no-such-flag'"), after);
      assertTrue(after.contains("BEFORE-IOR"), "the shell's screen is back: " + after);
      assertEquals("0", t.display("#{alternate_on}"), "the terminal left the alternate screen");
    }
    // A good command line: the frame, then the dashboard in the same screen. ior's own lines on
    // stderr ("tracing ...", notes) would land in the dashboard's frame and stay there until a
    // full redraw: they are held while it has the screen and printed on the normal one after.
    String ok = "echo BEFORE-IOR; '" + CliProcess.repo().resolve("bin/ior")
        + "' -tui -comm benchst; echo \"IOR-EXITED $?\"; exec sleep 600";
    try (Tmux t = new Tmux(dir, 120, 40, ok)) {
      t.await("1 Overview", 60);
      assertEquals("1", t.display("#{alternate_on}"));
      t.await("the trace attached (the status line's hint)", s -> s.contains("q quit"), 60);
      long end = System.nanoTime() + 2_000_000_000L; // "tracing" comes a few ms after the attach
      while (System.nanoTime() < end) {
        String s = t.screen();
        assertFalse(s.contains("ior: "), "ior's own lines stay off the dashboard: " + s);
        Thread.sleep(100);
      }
      t.keys("q");
      String after = t.await("IOR-EXITED", 60);
      assertTrue(after.contains("IOR-EXITED 0"), after);
      assertEquals("0", t.display("#{alternate_on}"));
      assertTrue(after.contains("BEFORE-IOR"), "the shell's screen is back: " + after);
      assertTrue(after.contains("ior: tracing "), "the held lines follow on it: " + after);
      assertTrue(after.indexOf("ior: tracing ") < after.indexOf("syscalls paired:"),
          "in the order they were written: " + after);
    }
  }
}
