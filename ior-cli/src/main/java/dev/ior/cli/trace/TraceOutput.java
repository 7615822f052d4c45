// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.core.trace.TraceStream;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * One thing a trace produces: the live stream, a flame graph file, a profile, a dashboard.
 * {@link IorCommand} feeds every selected output's sink on the consumer thread and calls
 * {@link #finish} after the trace stopped.
 */
public interface TraceOutput {
  /** Receives the pairs (consumer thread; no blocking, no per-pair allocation). */
  PairSink sink();

  /**
   * Called first, on the caller's thread, before the programs load: what must show at once (the
   * dashboard's first screen); default: nothing.
   */
  default void open() {}

  /**
   * Warms the JIT up on synthetic pairs, into sinks of its own (never {@link #sink()}). Runs on a
   * thread of its own from the start of the load (the kernel's verifier takes much of that
   * time) and goes on beside the consumer, which reads from the attach on ({@code
   * TraceStream.warmUp}); default: nothing.
   */
  default void warmUp() {}

  /** Called once just before the trace starts (e.g. to write a header); default: nothing. */
  default void started() {}

  /**
   * Called instead of the rest when the trace could not start (after {@link #open}), before
   * the reason is printed: give back what was taken (the terminal); default: nothing.
   */
  default void abandon() {}

  /** Called once the trace runs, with the stream (its live counters); default: nothing. */
  default void attached(TraceStream stream) {}

  /**
   * Completes the output after the trace stopped (write files to a temporary name, then rename).
   *
   * @return 0, or an exit code when this output failed
   */
  default int finish(TraceStats stats, PrintWriter err) throws IOException {
    return 0;
  }
}
