// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/**
 * Turns the tracing of one syscall on or off in the running trace (a map write in the kernel);
 * the dashboard's {@code x} key in the Syscalls tab.
 */
@FunctionalInterface
public interface SyscallSwitch {
  /** Nothing can be switched (a replay, tests). */
  SyscallSwitch NONE = (syscall, traced) -> "not a live trace: nothing to switch";

  /**
   * Starts ({@code traced}) or stops tracing {@code syscall}.
   *
   * @return a one-line message for the status bar
   */
  String set(String syscall, boolean traced);
}
