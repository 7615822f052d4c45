// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;

/**
 * A {@link PairSink} that sums pairs into an {@link AggregateTable} by (path, syscall, comm,
 * pid, tid, flags, thread, cgroup id), as {@code ior -flamegraph} does. A pair without a known
 * file counts under the path "" (shown as {@code [unknown]} by the projection). No allocation
 * per pair once its key exists.
 *
 * <pre>{@code
 * AggregatingSink agg = new AggregatingSink();
 * session = BpfTraceSession.start(config, agg, warnings::add);
 * ...
 * List<AggregateRow> rows = agg.table().rows();
 * }</pre>
 */
public final class AggregatingSink implements PairSink {
  private final AggregateTable table;

  /** A sink with a table sized for 4,096 keys (it grows as needed). */
  public AggregatingSink() {
    this(new AggregateTable(4096));
  }

  /**
   * A sink adding into {@code table}.
   *
   * @param table the table to fill (on the consumer thread)
   */
  public AggregatingSink(AggregateTable table) {
    this.table = table;
  }

  @Override
  public void accept(SyscallPair p) {
    table.add(p);
  }

  /** {@return the table being filled; read it on the consumer thread or after the trace stopped} */
  public AggregateTable table() {
    return table;
  }
}
