// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.stats.TraceStats;
import java.util.function.Supplier;

/**
 * How the dashboard was started.
 *
 * <pre>{@code
 * TuiOptions o = new TuiOptions("comm ~ postgres", false, ProcessSource.proc(),
 *     CsvExport.inDirectory(Path.of(".")));
 * }</pre>
 *
 * @param filters the capture filters in words, for the title line
 * @param pickTarget whether to open the target picker first (no -pid or -comm given)
 * @param processes where the picker lists processes from
 * @param export where {@code e} writes the current table
 * @param tracer the tracer's live counters (events, losses), null while unknown
 * @param syscalls switches syscalls on and off in the kernel while the trace runs
 */
public record TuiOptions(String filters, boolean pickTarget, ProcessSource processes,
    CsvExport export, Supplier<TraceStats> tracer, SyscallSwitch syscalls) {

  /** Options whose syscalls cannot be switched. */
  public TuiOptions(String filters, boolean pickTarget, ProcessSource processes,
      CsvExport export, Supplier<TraceStats> tracer) {
    this(filters, pickTarget, processes, export, tracer, SyscallSwitch.NONE);
  }

  /** Options without the tracer's counters (replays, tests). */
  public TuiOptions(String filters, boolean pickTarget, ProcessSource processes,
      CsvExport export) {
    this(filters, pickTarget, processes, export, () -> null);
  }
}
