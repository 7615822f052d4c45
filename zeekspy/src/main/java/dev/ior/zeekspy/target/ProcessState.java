// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Liveness of a process as {@code /proc} shows it. A zombie still has a {@code /proc} entry but no
 * memory, so for a profiler it is gone.
 *
 * <pre>{@code
 * if (ProcessState.isGone(pid)) { ... the target exited ... }
 * }</pre>
 */
public final class ProcessState {
  private ProcessState() {}

  /**
   * {@return true when there is no process {@code pid}, or it is a zombie or dead}
   *
   * @param pid process id
   */
  public static boolean isGone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state follows the command name, which is in parentheses and may contain anything.
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * {@return true when {@code /proc/PID} exists}
   *
   * @param pid process id
   */
  public static boolean exists(long pid) {
    return Files.isDirectory(Path.of("/proc", Long.toString(pid)));
  }
}
