// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import java.util.Objects;

/**
 * Why zeekspy cannot attach to, read or keep sampling a process. The message says what failed and
 * how to fix it; {@link #reason()} lets a front end pick an exit code or a hint without parsing
 * text.
 *
 * <pre>{@code
 * try {
 *   ZeekSpy.open(config);
 * } catch (ZeekSpyException e) {
 *   if (e.reason() == ZeekSpyException.Reason.UNKNOWN_VERSION) { ... suggest -layout ... }
 * }
 * }</pre>
 */
public final class ZeekSpyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Kinds of failure. */
  public enum Reason {
    /** There is no process with the given pid. */
    NO_SUCH_PROCESS,
    /** The kernel refused access to the process (ptrace access mode check). */
    PERMISSION_DENIED,
    /** Another tracer (gdb, strace, a second zeekspy) is attached. */
    ALREADY_TRACED,
    /** The process ended while it was being sampled. */
    TARGET_EXITED,
    /** The executable does not define the symbols zeekspy needs (stripped binary). */
    SYMBOL_NOT_FOUND,
    /** The executable is for an architecture the layout does not describe (e.g. 32-bit). */
    WRONG_ARCHITECTURE,
    /** No built-in layout matches the Zeek version read from the process. */
    UNKNOWN_VERSION,
    /** A layout file is malformed or inconsistent. */
    BAD_LAYOUT,
    /** The process's memory does not look like the layout says (wrong layout or not Zeek). */
    UNREADABLE,
    /** An I/O error on /proc or the executable. */
    IO
  }

  /** What kind of failure this is. */
  private final Reason reason;

  /**
   * An error of kind {@code reason}.
   *
   * @param reason what kind of failure
   * @param message one line saying what failed and how to fix it
   */
  public ZeekSpyException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * An error of kind {@code reason} caused by {@code cause}.
   *
   * @param reason what kind of failure
   * @param message one line saying what failed and how to fix it
   * @param cause the underlying failure
   */
  public ZeekSpyException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return what kind of failure this is} */
  public Reason reason() {
    return reason;
  }
}
