// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.sink;

import dev.ior.core.event.SyscallPair;

/**
 * Receives paired syscalls on the consumer thread. {@link #accept} must be fast and must not
 * keep the pair (it is a reused view): copy what you need or call {@link SyscallPair#copy()}.
 *
 * <pre>{@code
 * PairSink printer = pair -> System.out.println(pair.syscall().name() + " " + pair.file());
 * }</pre>
 */
@FunctionalInterface
public interface PairSink {
  /** One pair; valid only during this call. */
  void accept(SyscallPair pair);

  /**
   * Called when the tracer has drained the ring and is about to wait for more: a good moment
   * to flush buffered output so that a live stream appears promptly.
   */
  default void flush() {}

  /** Called once after the last pair; flush buffered output here. */
  default void finish() {}

  /** A sink that feeds several sinks in order. */
  static PairSink tee(PairSink... sinks) {
    PairSink[] all = sinks.clone();
    return new PairSink() {
      @Override
      public void accept(SyscallPair pair) {
        for (PairSink s : all) {
          s.accept(pair);
        }
      }

      @Override
      public void flush() {
        for (PairSink s : all) {
          s.flush();
        }
      }

      @Override
      public void finish() {
        for (PairSink s : all) {
          s.finish();
        }
      }
    };
  }
}
