// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

/**
 * A process started held (stopped before its first syscall of interest), to be traced from its
 * very start: {@link TraceStream#command} follows its pid in the kernel, {@link #release()}s it
 * once the programs are attached, and ends the trace when it exits. ior's CLI implements it with
 * a shell gate ({@code sh -c 'kill -STOP $$ && exec "$@"'}).
 */
public interface HeldProcess {
  /** {@return its pid (the tgid), > 0} */
  int pid();

  /** Lets it run; called once, after the trace is attached. */
  void release();

  /** {@return whether it still runs (a zombie counts as ended)} Any thread. */
  boolean isAlive();

  /** Kills it if it was never released (the trace failed to start); default: nothing. */
  default void killIfHeld() {}
}
