// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.util.List;

/**
 * One syscall ior knows: our stable id, the kernel's name, its family and the shape of its
 * arguments.
 *
 * <pre>{@code
 * Syscall openat = SyscallTable.standard().byName("openat");
 * openat.shape();           // Shape.OPEN
 * openat.family();          // "fs"
 * openat.enterTracepoint(); // "sys_enter_openat", what -tps regexes match
 * }</pre>
 *
 * @param id stable id carried in every record (1..65535, never reused)
 * @param name the kernel's name, as in tracepoint names {@code sys_enter_<name>}
 * @param shape what the enter record carries
 * @param io how a successful return value counts as bytes
 * @param args argument indices of the table's args column; -1 where absent
 * @param literalOldName for the name shape: the old name is a literal (symlink target)
 * @param family one of {@link SyscallTable#FAMILIES}: what {@code -families} selects
 */
public record Syscall(int id, String name, Shape shape, IoKind io, List<Integer> args,
    boolean literalOldName, String family) {

  /**
   * Keeps an immutable copy of the argument indexes.
   *
   * @param id stable id carried in every record (1..65535, never reused)
   * @param name the kernel's name, as in tracepoint names {@code sys_enter_<name>}
   * @param shape what the enter record carries
   * @param io how a successful return value counts as bytes
   * @param args argument indices of the table's args column; -1 where absent
   * @param literalOldName for the name shape: the old name is a literal (symlink target)
   * @param family one of {@link SyscallTable#FAMILIES}: what {@code -families} selects
   */
  public Syscall {
    args = List.copyOf(args);
  }

  /** {@return tracepoint-style name of the enter side, e.g. {@code sys_enter_read}} */
  public String enterTracepoint() {
    return "sys_enter_" + name;
  }

  /** {@return tracepoint-style name of the exit side, e.g. {@code sys_exit_read}} */
  public String exitTracepoint() {
    return "sys_exit_" + name;
  }

  /** {@return whether the enter record is a path record (path, open, openhow or name shape)} */
  public boolean hasPath() {
    return shape == Shape.PATH || shape == Shape.OPEN || shape == Shape.OPENHOW
        || shape == Shape.NAME;
  }

  /** {@return whether a successful call returns a new descriptor for the path it opened} */
  public boolean opensFd() {
    return shape == Shape.OPEN || shape == Shape.OPENHOW;
  }

  /**
   * {@return argument index of slot {@code k} of the args column, or -1 when absent}
   *
   * @param k a slot of the args column, >= 0
   */
  public int arg(int k) {
    return k < args.size() ? args.get(k) : -1;
  }
}
