// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.DirectoryGrouping;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import java.util.List;

/**
 * The three sortable tables: which rows of a snapshot they show and what a row filters. Files
 * can be grouped by directory, processes by container.
 */
enum TableKind {
  SYSCALLS("Syscalls", "syscall", ""),
  FILES("Files", "file", ""),
  PROCESSES("Processes", "pid", "comm");

  private final String title;
  private final String keyHeader;
  private final String detailHeader;

  TableKind(String title, String keyHeader, String detailHeader) {
    this.title = title;
    this.keyHeader = keyHeader;
    this.detailHeader = detailHeader;
  }

  String title() {
    return title;
  }

  String keyHeader(boolean grouped) {
    if (!grouped || this == SYSCALLS) {
      return keyHeader;
    }
    return this == FILES ? "directory" : "container";
  }

  String detailHeader(boolean grouped) {
    if (!grouped || this == SYSCALLS) {
      return detailHeader;
    }
    return this == FILES ? "files" : "processes";
  }

  /** What {@code g} groups by ("dir", "container"), or null when this table has no grouping. */
  String groupedBy() {
    return this == SYSCALLS ? null : this == FILES ? "dir" : "container";
  }

  List<GroupStats> rows(LiveSnapshot s, boolean grouped) {
    switch (this) {
      case SYSCALLS:
        return s.syscalls();
      case FILES:
        return grouped ? DirectoryGrouping.byDirectory(s.files()) : s.files();
      default:
        return grouped ? s.containers() : s.processes();
    }
  }

  /** The Stream filter a row stands for (a directory or container row has none). */
  StreamFilter filterFor(GroupStats row, boolean grouped) {
    switch (this) {
      case SYSCALLS:
        return StreamFilter.of(StreamFilter.Kind.SYSCALL, row.key());
      case FILES:
        return grouped ? null : StreamFilter.of(StreamFilter.Kind.FILE, row.key());
      default:
        return grouped ? null : StreamFilter.of(StreamFilter.Kind.PID, row.key());
    }
  }
}
