// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.function.Consumer;

/**
 * What draws over the tabs and takes the keys first: the help, the target picker, and a
 * one-line text prompt (the Stream's {@code /} search).
 */
final class Overlays {
  private static final List<String> HELP = List.of(
      "Global keys",
      "  1-8, Tab, Shift+Tab   switch tab",
      "  space                 pause / resume the display (tracing goes on)",
      "  p                     pick the target process (all, or one by pid/comm/cmdline)",
      "  r                     reset all counters",
      "  e                     export the current tab's table to CSV (tabs 3-8; current dir)",
      "  ? h                   this help (any key closes it)",
      "  q  Ctrl+C             quit (outputs such as -flamegraph are still written)",
      "Tables (3 Syscalls, 4 Files, 5 Processes)",
      "  s sort column  ↑↓ select  Enter filter the stream  l latency  g group files by dir",
      "  k the top user stacks of the selected syscall or file (tab 8)",
      "Flame (2)",
      "  f frame order   m metric (count/time/bytes)   arrows select   Enter zoom   Esc zoom out",
      "Latency (6)",
      "  o overall / the row chosen with l in a table",
      "Stream (7)",
      "  ↑↓ row  ←→ cell   Enter push filter from the cell   Esc pop filter   / search",
      "Stacks (8; needs -stacks or -fields stack)",
      "  ↑↓ select a stack   m metric (time/count/bytes)   o all calls");

  private final Dashboard dash;
  private final ProcessSource processes;
  private boolean help;
  private PickerModel picker;
  private String prompt;
  private StringBuilder input;
  private Consumer<String> onInput;

  Overlays(Dashboard dash, ProcessSource processes) {
    this.dash = dash;
    this.processes = processes;
  }

  void toggleHelp() {
    help = !help;
  }

  void openPicker() {
    picker = new PickerModel(processes.list());
  }

  void openInput(String prompt, String initial, Consumer<String> onInput) {
    this.prompt = prompt;
    this.input = new StringBuilder(initial);
    this.onInput = onInput;
  }

  /** Whether typed characters go to a text field (then q types a q instead of quitting). */
  boolean capturesText() {
    return picker != null || prompt != null;
  }

  /** Takes the key when an overlay is open. */
  boolean handle(KeyStroke k) {
    if (prompt != null) {
      return handleInput(k);
    }
    if (picker != null) {
      return handlePicker(k);
    }
    if (help) {
      help = false; // any key closes the help
      return true;
    }
    return false;
  }

  private boolean handleInput(KeyStroke k) {
    KeyType t = k.getKeyType();
    if (t == KeyType.Enter || t == KeyType.Escape) {
      if (t == KeyType.Enter) {
        onInput.accept(input.toString());
      }
      prompt = null;
    } else if (t == KeyType.Backspace && input.length() > 0) {
      input.setLength(input.length() - 1);
    } else if (t == KeyType.Character && !k.isCtrlDown()) {
      input.append(k.getCharacter());
    }
    return true;
  }

  private boolean handlePicker(KeyStroke k) {
    KeyType t = k.getKeyType();
    if (t == KeyType.Escape) {
      picker = null;
    } else if (t == KeyType.Enter) {
      ProcessSource.Info p = picker.selected();
      String comm = Names.shown(p.comm());
      dash.target(p.pid(), p.pid() == 0 ? comm : comm + " (pid " + p.pid() + ")");
      picker = null;
    } else if (t == KeyType.ArrowDown || t == KeyType.ArrowUp) {
      picker.move(t == KeyType.ArrowDown ? 1 : -1);
    } else if (t == KeyType.Backspace) {
      picker.backspace();
    } else if (t == KeyType.Character && !k.isCtrlDown()) {
      picker.type(k.getCharacter());
    }
    return true;
  }

  void draw(Canvas c) {
    if (prompt != null) {
      c.fill(0, c.height() - 1, Style.SELECTED);
      c.put(0, c.height() - 1, prompt + input + "_   (Enter apply, Esc cancel)", Style.SELECTED);
    } else if (picker != null) {
      drawPicker(c);
    } else if (help) {
      box(c, HELP, "Help");
    }
  }

  private void drawPicker(Canvas c) {
    int w = Math.max(1, Math.min(c.width() - 4, 100));
    int h = Math.max(3, Math.min(c.height() - 4, picker.matches().size() + 3));
    int x = 2;
    int y = 2;
    for (int r = 0; r < h; r++) {
      c.put(x, y + r, " ".repeat(w), Style.NORMAL);
    }
    c.put(x, y, Units.fit(" Pick target: type to search pid/comm/cmdline: " + picker.query()
        + "_", w), Style.HEADER);
    int rows = h - 2;
    int first = Math.max(0, picker.selectedIndex() - rows + 1);
    for (int i = 0; i < rows && first + i < picker.matches().size(); i++) {
      ProcessSource.Info p = picker.matches().get(first + i);
      String line = p.pid() == 0 ? "  " + Names.shown(p.comm())
          : String.format(java.util.Locale.ROOT, "  %7d  %-16s %s", p.pid(),
              Names.shown(p.comm()), Names.shown(p.cmdline()));
      c.put(x, y + 1 + i, Units.fit(line, w),
          first + i == picker.selectedIndex() ? Style.SELECTED : Style.NORMAL);
    }
    c.put(x, y + h - 1, Units.fit(" ↑↓ select  Enter pick  Esc cancel", w), Style.DIM);
  }

  private static void box(Canvas c, List<String> lines, String title) {
    int w = Math.min(c.width() - 4, 2 + lines.stream().mapToInt(String::length).max().orElse(0));
    int y = 2;
    c.put(2, y, Units.fit(" " + title, w), Style.HEADER);
    for (int i = 0; i < lines.size() && y + 1 + i < c.height() - 1; i++) {
      c.put(2, y + 1 + i, Units.fit(" " + lines.get(i), w), Style.NORMAL);
    }
  }
}
