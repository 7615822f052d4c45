// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.DirectoryGrouping;
import dev.ior.core.live.GroupStats;
import dev.ior.core.live.LiveSnapshot;
import java.util.List;

/** The three sortable tables: which rows of a snapshot they show and what a row filters. */
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

  String keyHeader(boolean byDir) {
    return byDir ? "directory" : keyHeader;
  }

  String detailHeader(boolean byDir) {
    return byDir ? "files" : detailHeader;
  }

  List<GroupStats> rows(LiveSnapshot s, boolean byDir) {
    switch (this) {
      case SYSCALLS:
        return s.syscalls();
      case FILES:
        return byDir ? DirectoryGrouping.byDirectory(s.files()) : s.files();
      default:
        return s.processes();
    }
  }

  /** The Stream filter a row stands for (a directory row has none). */
  StreamFilter filterFor(GroupStats row, boolean byDir) {
    switch (this) {
      case SYSCALLS:
        return StreamFilter.of(StreamFilter.Kind.SYSCALL, row.key());
      case FILES:
        return byDir ? null : StreamFilter.of(StreamFilter.Kind.FILE, row.key());
      default:
        return StreamFilter.of(StreamFilter.Kind.PID, row.key());
    }
  }
}
