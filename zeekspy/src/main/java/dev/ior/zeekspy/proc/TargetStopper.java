// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

/**
 * Stops the target around each sample, for consistent snapshots, or does nothing. All calls of
 * one stopper must come from the same thread (ptrace ties a tracee to the tracing thread).
 *
 * <pre>{@code
 * try (TargetStopper s = new PtraceStopper(pid)) {
 *   s.attach();
 *   s.stop();  ... read ...  s.resume();
 * }
 * }</pre>
 */
public interface TargetStopper extends AutoCloseable {
  /** Prepares stopping (e.g. seizes the process); called once before the first {@link #stop}. */
  void attach();

  /** Stops the target and waits until it is stopped. */
  void stop();

  /** Lets the target run again after {@link #stop}. */
  void resume();

  /** Releases the target (detaches); safe to call when not attached or after the target exited. */
  @Override
  void close();

  /** {@return a stopper that never stops the target: reads race with it and may be torn} */
  static TargetStopper none() {
    return new TargetStopper() {
      @Override
      public void attach() {}

      @Override
      public void stop() {}

      @Override
      public void resume() {}

      @Override
      public void close() {}
    };
  }
}
