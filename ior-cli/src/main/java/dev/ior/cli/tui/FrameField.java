// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.live.DirectoryGrouping;
import dev.ior.core.live.FlowStats;

/** One level of the terminal flame graph: which attribute of a flow a frame shows. */
enum FrameField {
  /** The process name. */
  COMM,
  /** The process id. */
  PID,
  /** The syscall name. */
  SYSCALL,
  /** The file's directory. */
  DIR,
  /** The file path. */
  FILE;

  /** The frame name of {@code f} at this level. */
  String of(FlowStats f) {
    switch (this) {
      case COMM:
        return f.comm();
      case PID:
        return Integer.toString(f.pid());
      case SYSCALL:
        return f.syscall();
      case DIR:
        return DirectoryGrouping.directoryOf(f.file());
      default:
        return f.file();
    }
  }

  /** Lower-case name for the status line. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
