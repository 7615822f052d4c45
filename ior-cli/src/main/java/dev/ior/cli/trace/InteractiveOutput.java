// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * An output that runs on the main thread while the trace runs (the {@code -tui} dashboard, the
 * {@code ior serve} exporter):
 * {@link IorCommand} calls {@link #run} instead of waiting, then stops the trace and finishes
 * every output as usual.
 */
public interface InteractiveOutput extends TraceOutput {
  /**
   * Runs until the user quits or {@code running} turns false (duration over, signal, trace
   * ended), then returns with the terminal restored.
   */
  void run(BooleanSupplier running, PrintWriter err) throws IOException, InterruptedException;
}
