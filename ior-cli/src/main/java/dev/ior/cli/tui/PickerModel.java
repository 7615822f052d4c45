// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The target picker's list: "all processes" first, then the processes whose pid, comm or
 * command line contain the typed query (case-insensitive), by pid, an exact pid first; one of
 * them selected.
 */
final class PickerModel {
  /** The entry that means "no target": trace every process the capture filters let through. */
  static final ProcessSource.Info ALL = new ProcessSource.Info(0, "all processes", "");

  private final List<ProcessSource.Info> processes;
  private String query = "";
  private List<ProcessSource.Info> matches;
  private int selected;

  PickerModel(List<ProcessSource.Info> processes) {
    this.processes = new ArrayList<>(processes);
    this.processes.sort(Comparator.comparingInt(ProcessSource.Info::pid));
    refilter();
  }

  String query() {
    return query;
  }

  void type(char c) {
    query += c;
    refilter();
  }

  void backspace() {
    if (!query.isEmpty()) {
      query = query.substring(0, query.length() - 1);
      refilter();
    }
  }

  void move(int d) {
    selected = Math.max(0, Math.min(matches.size() - 1, selected + d));
  }

  List<ProcessSource.Info> matches() {
    return matches;
  }

  int selectedIndex() {
    return selected;
  }

  ProcessSource.Info selected() {
    return matches.get(selected);
  }

  private void refilter() {
    String q = query.toLowerCase(Locale.ROOT);
    matches = new ArrayList<>();
    if (q.isEmpty()) {
      matches.add(ALL);
    }
    for (ProcessSource.Info p : processes) {
      if (Integer.toString(p.pid()).equals(q)) {
        matches.add(0, p); // a typed pid picks that process first, not those merely containing it
      } else if (Integer.toString(p.pid()).contains(q) || p.comm().toLowerCase(Locale.ROOT).contains(q)
          || p.cmdline().toLowerCase(Locale.ROOT).contains(q)) {
        matches.add(p);
      }
    }
    if (matches.isEmpty()) {
      matches.add(ALL);
    }
    selected = 0;
  }
}
