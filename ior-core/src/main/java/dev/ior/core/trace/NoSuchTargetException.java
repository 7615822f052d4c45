// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

/** The process or thread a live trace was asked to follow does not exist (or is a zombie). */
public final class NoSuchTargetException extends TraceException {
  private static final long serialVersionUID = 1L;
  /** Whether the target was a thread ({@code -tid}) rather than a process. */
  private final boolean thread;
  /** The pid or tid that does not exist. */
  private final int id;

  NoSuchTargetException(boolean thread, int id) {
    super((thread ? "thread " : "process ") + id + ": no such " + (thread ? "thread" : "process"));
    this.thread = thread;
    this.id = id;
  }

  /** {@return whether the missing target is a thread (a tid), not a process (a pid)} */
  public boolean isThread() {
    return thread;
  }

  /** {@return the missing pid or tid} */
  public int id() {
    return id;
  }
}
