// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.util.List;

/**
 * One traced syscall: our stable id, the tracepoint name and the shape of its arguments.
 *
 * <pre>{@code
 * Syscall openat = SyscallTable.standard().byName("openat");
 * openat.shape();          // Shape.OPEN
 * openat.enterTracepoint(); // "sys_enter_openat"
 * }</pre>
 *
 * @param id stable id carried in every record (never reused)
 * @param name name as in the tracepoint {@code syscalls/sys_enter_<name>}
 * @param shape what the enter record carries
 * @param io how a successful return value counts as bytes
 * @param args argument indices of the table's args column; -1 where absent
 * @param literalOldName for the name shape: the old name is a literal (symlink target)
 */
public record Syscall(int id, String name, Shape shape, IoKind io, List<Integer> args,
    boolean literalOldName) {

  public Syscall {
    args = List.copyOf(args);
  }

  /** Tracepoint name of the enter side, e.g. {@code sys_enter_read}. */
  public String enterTracepoint() {
    return "sys_enter_" + name;
  }

  /** Tracepoint name of the exit side, e.g. {@code sys_exit_read}. */
  public String exitTracepoint() {
    return "sys_exit_" + name;
  }

  /** Whether the enter record is a path record (path, open or openhow shape). */
  public boolean hasPath() {
    return shape == Shape.PATH || shape == Shape.OPEN || shape == Shape.OPENHOW;
  }

  /** Whether a successful call returns a new descriptor for the path it opened. */
  public boolean opensFd() {
    return shape == Shape.OPEN || shape == Shape.OPENHOW;
  }
}
