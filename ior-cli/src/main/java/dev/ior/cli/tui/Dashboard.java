// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.stats.TraceStats;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.live.LiveSnapshot;
import dev.ior.core.live.LiveStats;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The dashboard's state and key handling, independent of lanterna's screen: it takes
 * snapshots, keys and a {@link Canvas}, so tests drive it with synthetic pairs and read the
 * drawn text back. Global keys come first, then the current tab's.
 *
 * <pre>{@code
 * Dashboard d = new Dashboard(live, options, System::nanoTime);
 * d.handle(new KeyStroke('4', false, false));   // Files tab
 * d.update();                                    // a snapshot, at most once a second
 * d.draw(canvas);
 * }</pre>
 */
public final class Dashboard {
  private static final long PERIOD_NS = 1_000_000_000L;

  private final LiveStats live;
  private final LongSupplier clock;
  private final TuiOptions options;
  private final Rates rates = new Rates();
  private final FilterStack filters = new FilterStack();
  private final StreamView stream;
  private final LatencyView latency;
  private final StacksView stacks;
  private final List<TabView> tabs;
  private final Overlays overlays;
  private LiveSnapshot shown;
  private int tab;
  private boolean paused;
  private long lastSnapshotNs;
  private String message = "";
  private TraceStats tracer;

  /** A dashboard over {@code live}; {@code clock} is monotonic ns. */
  public Dashboard(LiveStats live, TuiOptions options, LongSupplier clock) {
    this.live = live;
    this.clock = clock;
    this.options = options;
    this.stream = new StreamView(filters, this);
    this.latency = new LatencyView();
    this.stacks = new StacksView();
    this.tabs = List.of(new OverviewView(rates, () -> tracer), new FlameView(),
        new TableView(TableKind.SYSCALLS, this), new TableView(TableKind.FILES, this),
        new TableView(TableKind.PROCESSES, this), latency, stream, stacks);
    this.overlays = new Overlays(this, options.processes());
    this.shown = live.latest();
    this.lastSnapshotNs = clock.getAsLong() - PERIOD_NS; // the first update takes one
    if (options.pickTarget()) {
      overlays.openPicker();
    }
  }

  /** Takes a snapshot when a second has passed, unless paused, and feeds the sparklines. */
  public void update() {
    long now = clock.getAsLong();
    if (!paused && now - lastSnapshotNs >= PERIOD_NS) {
      shown = live.snapshot();
      rates.add(shown.pairsPerSecond(), shown.readPerSecond(), shown.writtenPerSecond());
      TraceStats t = options.tracer().get();
      if (t != null && tracer != null && t.durationNs() > tracer.durationNs()) {
        rates.events.add((events(t) - events(tracer)) * 1e9
            / (t.durationNs() - tracer.durationNs()));
      }
      tracer = t == null ? tracer : t;
      lastSnapshotNs = now;
    }
  }

  private static long events(TraceStats s) {
    return s.records().enters() + s.records().exits();
  }

  /** Handles one key; false when the user asked to quit. */
  public boolean handle(KeyStroke k) {
    if (isQuit(k)) {
      return false;
    }
    message = ""; // a message answers the previous key only
    if (overlays.handle(k)) {
      return true;
    }
    if (k.getKeyType() == KeyType.Tab || k.getKeyType() == KeyType.ReverseTab) {
      int d = k.getKeyType() == KeyType.Tab ? 1 : tabs.size() - 1;
      tab = (tab + d) % tabs.size();
      return true;
    }
    if (k.getKeyType() == KeyType.Character && globalKey(k.getCharacter())) {
      return true;
    }
    current().handle(k, shown);
    return true;
  }

  /** Ctrl+C and end of input quit everywhere (help, docs/tui.md); q unless typed into a search. */
  private boolean isQuit(KeyStroke k) {
    if (k.getKeyType() == KeyType.EOF) {
      return true;
    }
    if (k.getKeyType() != KeyType.Character) {
      return false;
    }
    return k.isCtrlDown() ? k.getCharacter() == 'c'
        : k.getCharacter() == 'q' && !overlays.capturesText();
  }

  private boolean globalKey(char ch) {
    if (ch >= '1' && ch < '1' + tabs.size()) {
      tab = ch - '1';
    } else if (ch == '?' || ch == 'h') {
      overlays.toggleHelp();
    } else if (ch == ' ') {
      paused = !paused;
    } else if (ch == 'r') {
      reset();
      message = "counters reset";
    } else if (ch == 'p') {
      overlays.openPicker();
    } else if (ch == 'e') {
      message = options.export().export(current().title(), current().table(shown));
    } else {
      return false;
    }
    return true;
  }

  /** Draws the whole screen. */
  public void draw(Canvas c) {
    drawScreen(c, message.isEmpty() ? current().hint() + "  ? help  q quit" : message);
    overlays.draw(c);
  }

  /**
   * The screen while the trace is still being attached: keys are read once it runs, so no
   * overlay (the target picker, help) shows before it can be used.
   */
  public void drawStarting(Canvas c) {
    drawScreen(c, "starting: attaching the trace...");
  }

  private void drawScreen(Canvas c, String status) {
    int w = c.width();
    String target = live.target() != 0 ? "  target pid " + live.target() : "";
    c.fill(0, 0, Style.HEADER);
    c.put(0, 0, " ior -tui  " + options.filters() + target + "  elapsed "
        + Units.ns(shown.elapsedNs()) + (paused ? "  [PAUSED]" : ""), Style.HEADER);
    drawTabs(c);
    int bodyRows = Math.max(1, c.height() - 3);
    current().draw(c, 2, bodyRows, shown);
    c.fill(0, c.height() - 1, Style.DIM);
    c.put(0, c.height() - 1, Units.fit(" " + status, w), Style.DIM);
  }

  private void drawTabs(Canvas c) {
    int col = 0;
    for (int i = 0; i < tabs.size(); i++) {
      String label = " " + (i + 1) + " " + tabs.get(i).title() + " ";
      c.put(col, 1, label, i == tab ? Style.SELECTED : Style.NORMAL);
      col += label.length() + 1;
    }
  }

  TabView current() {
    return tabs.get(tab);
  }

  /** Switches to the Stream tab with {@code f} pushed. */
  void showStream(StreamFilter f) {
    filters.push(f);
    tab = tabs.indexOf(stream);
    message = "filter pushed: " + filters.describe() + " (Esc pops)";
  }

  /** Switches to the Latency tab showing one table row. */
  void showLatency(TableKind kind, boolean grouped, String key) {
    latency.select(kind, grouped, key);
    tab = tabs.indexOf(latency);
  }

  /** Switches to the Stacks tab showing the top stacks of one syscall or file. */
  void showStacks(TableKind kind, String key) {
    stacks.select(kind, key);
    tab = tabs.indexOf(stacks);
  }

  void message(String m) {
    message = m;
  }

  /** Syscalls switched off in the kernel from this dashboard. */
  private final java.util.Set<String> switchedOff = new java.util.TreeSet<>();

  /** Stops tracing {@code syscall} in the kernel, or starts it again when it was stopped here. */
  void switchSyscall(String syscall) {
    boolean on = switchedOff.remove(syscall);
    if (!on) {
      switchedOff.add(syscall);
    }
    message = options.syscalls().set(syscall, on);
  }

  /** Starts tracing again every syscall stopped here. */
  void resumeSyscalls() {
    for (String s : switchedOff) {
      options.syscalls().set(s, true);
    }
    message = switchedOff.isEmpty() ? "no syscall was stopped"
        : "tracing again: " + String.join(", ", switchedOff);
    switchedOff.clear();
  }

  void target(int pid, String label) {
    live.target(pid);
    reset();
    message = "target: " + label + " (filtered in user space; counters reset)";
  }

  private void reset() {
    live.reset();
    shown = live.latest();
    rates.clear();
    lastSnapshotNs = clock.getAsLong();
  }

  void startSearch() {
    overlays.openInput("/", filters.search(), filters::search);
  }

  boolean paused() {
    return paused;
  }
}
