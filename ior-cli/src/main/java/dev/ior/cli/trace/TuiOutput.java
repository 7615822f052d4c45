// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.tui.EarlyScreen;
import dev.ior.core.trace.TraceStream;
import dev.ior.core.trace.TraceException;
import dev.ior.cli.tui.SyscallSwitch;
import dev.ior.cli.tui.CsvExport;
import dev.ior.cli.tui.Dashboard;
import dev.ior.cli.tui.PlainReport;
import dev.ior.cli.tui.ProcessSource;
import dev.ior.cli.tui.Tui;
import dev.ior.cli.tui.TuiOptions;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.live.LiveStats;
import dev.ior.core.sink.PairSink;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import dev.ior.core.stats.TraceStats;

/**
 * {@code -tui}: the live dashboard, or a plain table every second when stdout is no terminal.
 */
final class TuiOutput implements InteractiveOutput {
  private final LiveStats live;
  private final String filters;
  private final boolean pickTarget;
  // Set once attached, read by the dashboard that may already show (its first screen comes first).
  private volatile Supplier<TraceStats> tracer = () -> null;
  private volatile SyscallSwitch syscalls = SyscallSwitch.NONE;
  private Tui tui;
  private final EarlyScreen early; // the first frame, shown before parsing, or null
  private HeldLines held; // ior's own lines while the dashboard has the screen, or null

  TuiOutput(String filters, boolean pickTarget, CgroupLookup cgroups, EarlyScreen early) {
    this.filters = filters;
    this.pickTarget = pickTarget;
    this.live = LiveStats.create(cgroups);
    this.early = early;
  }

  @Override
  public PairSink sink() {
    return live;
  }

  @Override
  public void attached(TraceStream session) {
    tracer = session::liveStats;
    syscalls = (name, on) -> {
      try {
        session.setTraced(name, on);
        return (on ? "tracing " : "stopped tracing ") + name + " (in the kernel; X resumes all)";
      } catch (TraceException | IllegalArgumentException | UnsupportedOperationException e) {
        return "cannot switch " + name + ": " + e.getMessage();
      }
    };
  }

  /**
   * {@return where ior's own lines (warnings, "tracing ...") go while this output runs}: to
   * {@code err}, except while the dashboard has the screen and stderr is that screen, when they
   * are held and written once the dashboard has left it (they would otherwise land in its frame)
   *
   * @param err ior's error writer
   */
  PrintWriter messages(PrintWriter err) {
    if (!stderrOnScreen()) {
      return err; // 2>ior.log: lines go there as they come
    }
    held = new HeldLines(err);
    return held.writer();
  }

  /** Whether stderr is the terminal the dashboard draws on (stdout). */
  private static boolean stderrOnScreen() {
    try {
      return Files.isSameFile(Path.of("/proc/self/fd/2"), Path.of("/proc/self/fd/1"));
    } catch (IOException e) {
      return true; // cannot tell: holding costs only the lines' timing
    }
  }

  /** Shows the dashboard's first screen before the programs load. */
  @Override
  public void open() {
    if (Tui.isTerminal()) {
      tui = newTui();
      try {
        openScreen();
        if (early != null) {
          early.takenOver();
        }
      } catch (IOException e) {
        tui.close();
        tui = null; // run() says why when it opens the terminal again
        if (early != null) {
          early.leave(); // before run() takes the terminal: never once lanterna has it
        }
      }
    }
  }

  @Override
  public void warmUp() {
    SyntheticStream.warmUp(SyscallTable.standard(), LiveStats.create(), 1);
  }

  @Override
  public void abandon() {
    if (tui != null) {
      tui.close();
    }
    release();
  }

  private void openScreen() throws IOException {
    tui.open();
    if (held != null) {
      held.hold();
    }
  }

  private void release() {
    if (held != null) {
      held.release();
    }
  }

  @Override
  public void run(BooleanSupplier running, PrintWriter err)
      throws IOException, InterruptedException {
    if (!Tui.isTerminal()) {
      err.println("ior: -tui needs a terminal on stdin and stdout; printing a plain table every"
          + " second instead");
      err.flush();
      new PlainReport(live, 120, 10).run(running, System.out, 1000);
      return;
    }
    if (tui == null) {
      tui = newTui();
    }
    try {
      openScreen();
      tui.run(running);
    } finally {
      release(); // the screen is left: what was said meanwhile goes to the normal one
    }
  }

  private Tui newTui() {
    String what = filters.strip().replaceFirst("^of ", ""); // " of comm ~ x" -> "comm ~ x"
    TuiOptions options = new TuiOptions(what, pickTarget, ProcessSource.proc(),
        CsvExport.inDirectory(Path.of("")), () -> tracer.get(),
        (name, on) -> syscalls.set(name, on));
    return new Tui(new Dashboard(live, options, System::nanoTime));
  }
}
