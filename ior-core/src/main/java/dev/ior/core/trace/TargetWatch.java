// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process ({@code -pid}) or thread ({@code -tid}) a trace follows: whether it exists when the
 * trace is asked for, and whether it still runs, so that the trace ends with it as upstream ior
 * does. Reads {@code /proc/ID/stat}, which exists for threads too; a zombie counts as exited.
 *
 * <p>Used by {@link TraceStream}: a live trace of a pid that does not exist is refused, and the
 * trace ends when the pid or tid does.
 */
final class TargetWatch {
  /** How often {@link #alive()} looks again; between looks it repeats its last answer. */
  private static final long RECHECK_NS = 200_000_000L;

  private final Path stat;
  private final String what;
  private long checkedAt;
  private boolean alive = true;

  private final int id;
  private final boolean thread;

  private TargetWatch(int id, String what) {
    this.id = id;
    this.thread = what.startsWith("thread");
    this.stat = Path.of("/proc", Integer.toString(id), "stat");
    this.what = what;
    this.checkedAt = System.nanoTime() - RECHECK_NS;
  }

  /** The thread when {@code tid} is set, else the process when {@code pid} is, else null. */
  static TargetWatch of(int pid, int tid) {
    if (tid > 0) {
      return new TargetWatch(tid, "thread " + tid);
    }
    return pid > 0 ? new TargetWatch(pid, "process " + pid) : null;
  }

  /** The refusal of a target that does not exist. */
  NoSuchTargetException missing() {
    return new NoSuchTargetException(thread, id);
  }

  /** "process 4242" or "thread 4243". */
  String what() {
    return what;
  }

  /** Whether the target still runs; looks at /proc at most every 200 ms. */
  boolean alive() {
    long now = System.nanoTime();
    if (alive && now - checkedAt >= RECHECK_NS) {
      checkedAt = now;
      alive = running(stat);
    }
    return alive;
  }

  private static boolean running(Path stat) {
    try {
      String s = Files.readString(stat);
      int close = s.lastIndexOf(')'); // the comm in parentheses may hold anything
      char state = close >= 0 && close + 2 < s.length() ? s.charAt(close + 2) : 'X';
      return state != 'Z' && state != 'X' && state != 'x';
    } catch (IOException e) {
      return false; // gone
    }
  }
}
