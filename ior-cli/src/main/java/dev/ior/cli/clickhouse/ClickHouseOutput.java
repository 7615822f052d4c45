// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import dev.ior.cli.trace.TraceOutput;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;

/**
 * {@code -clickhouse}: the sink on the consumer thread; at the end, waits for the queue to be
 * sent (the drain time at most) and says what was sent and what was dropped, by reason.
 */
public final class ClickHouseOutput implements TraceOutput {
  private final ClickHouseSink sink;
  private final URI url;
  private final String table;

  ClickHouseOutput(ClickHouseSink sink, URI url, String table) {
    this.sink = sink;
    this.url = url;
    this.table = table;
  }

  @Override
  public PairSink sink() {
    return sink;
  }

  /** The sink's counters now (any thread): for the end report and metrics. */
  public ClickHouseStats stats() {
    return sink.stats();
  }

  @Override
  public int finish(TraceStats stats, PrintWriter err) {
    try {
      sink.awaitSent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ClickHouseStats s = sink.stats();
    err.printf(Locale.ROOT, "ior: clickhouse: %,d calls sent to %s at %s in %,d inserts%s%s%n",
        s.rowsSent(), table, url, s.batchesSent(),
        s.retries() == 0 ? "" : String.format(Locale.ROOT, " (%,d retried)", s.retries()),
        s.dropped() == 0 ? "" : String.format(Locale.ROOT, "; DROPPED %,d: queue full %,d,"
            + " gave up retrying %,d, refused %,d, still queued at the end %,d; last error: %s",
            s.dropped(), s.droppedQueueFull(), s.droppedFailed(), s.droppedRejected(),
            s.droppedAtStop(), s.lastError()));
    err.flush();
    return s.dropped() == 0 ? 0 : 1;
  }
}
