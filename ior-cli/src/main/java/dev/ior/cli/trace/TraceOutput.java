// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
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

  /** Warms the JIT up on synthetic pairs before the trace starts; default: nothing. */
  default void warmUp() {}

  /** Called once just before the trace starts (e.g. to write a header); default: nothing. */
  default void started() {}

  /**
   * Called instead of the rest when the trace could not start (after {@link #warmUp}), before
   * the reason is printed: give back what was taken (the terminal); default: nothing.
   */
  default void abandon() {}

  /** Called once the trace runs, with the live session (its live counters); default: nothing. */
  default void attached(BpfTraceSession session) {}

  /**
   * Completes the output after the trace stopped (write files to a temporary name, then rename).
   *
   * @return 0, or an exit code when this output failed
   */
  default int finish(TraceStats stats, PrintWriter err) throws IOException {
    return 0;
  }
}
