// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.aggregate;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.util.IntervalSwap;
import dev.ior.core.sink.PairSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link PairSink} that keeps the aggregated rows of the last minutes as one slice per
 * interval, so that a reader can ask for the rows of any recent window (a profile of the last N
 * seconds). The consumer thread adds into an interval {@link AggregateTable} without locks
 * ({@link IntervalSwap}); readers call {@link #advance()} about once a second to cut a slice,
 * and {@link #window(Duration)} to merge the slices that end inside the window. Memory holds
 * the distinct (path, syscall, comm, pid, tid, flags) keys of each retained slice, at most
 * {@code maxRows} in all: beyond, the oldest slices go first (the window then reaches back less
 * far, and {@link Rows#durationNs()} says so), and an interval that alone has that many keys
 * counts pairs of further keys in one row per syscall with path and comm {@link #OTHER}.
 *
 * <pre>{@code
 * AggregateWindow recent = new AggregateWindow(Duration.ofMinutes(1), System::nanoTime);
 * BpfTraceSession session = BpfTraceSession.start(config, recent, System.err::println);
 * ... on another thread, once a second: recent.advance();
 * AggregateWindow.Rows last10s = recent.window(Duration.ofSeconds(10));
 * }</pre>
 */
public final class AggregateWindow implements PairSink {
  /** Path and comm of the rows that pairs beyond the row cap are counted in. */
  public static final String OTHER = "[other]";

  private final IntervalSwap<AggregateTable> buffers =
      new IntervalSwap<>(new AggregateTable(1024), new AggregateTable(1024));
  private final long retainNs;
  private final int maxRows;
  private final LongSupplier clock;
  private final ArrayDeque<Slice> slices = new ArrayDeque<>();
  private long sliceStartNs;
  private long retainedRows;

  /**
   * The rows of a window.
   *
   * @param rows the merged rows
   * @param durationNs how much time they cover, ns (at most one interval more than asked, at
   *     most the retention)
   */
  public record Rows(List<AggregateRow> rows, long durationNs) {
    /**
     * Keeps an immutable copy of {@code rows}.
     *
     * @param rows the merged rows
     * @param durationNs how much time they cover, ns (at most one interval more than asked, at
     *     most the retention)
     */
    public Rows {
      rows = List.copyOf(rows);
    }
  }

  private record Slice(long startNs, long endNs, List<AggregateRow> rows) {}

  /**
   * A window sink.
   *
   * @param retain how far back windows can reach; older slices are dropped
   * @param clock monotonic ns (System::nanoTime; a fake in tests)
   */
  public AggregateWindow(Duration retain, LongSupplier clock) {
    this(retain, Integer.MAX_VALUE, clock);
  }

  /**
   * A window sink that keeps at most about {@code maxRows} rows.
   *
   * @param retain how far back windows can reach; older slices are dropped
   * @param maxRows rows kept over all slices, at least 1
   * @param clock monotonic ns (System::nanoTime; a fake in tests)
   */
  public AggregateWindow(Duration retain, int maxRows, LongSupplier clock) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.maxRows = maxRows;
    this.retainNs = retain.toNanos();
    this.clock = clock;
    this.sliceStartNs = clock.getAsLong();
  }

  @Override
  public void accept(SyscallPair p) {
    AggregateTable t = buffers.enter();
    try {
      t.add(p, maxRows, OTHER);
    } finally {
      buffers.exit();
    }
  }

  /** Cuts a slice of what came since the last one and drops slices beyond the retention. */
  public synchronized void advance() {
    long now = clock.getAsLong();
    List<AggregateRow> rows = buffers.swap(old -> {
      List<AggregateRow> r = old.rows();
      old.clear();
      return r;
    });
    slices.addLast(new Slice(sliceStartNs, now, rows));
    retainedRows += rows.size();
    sliceStartNs = now;
    while (!slices.isEmpty() && (slices.peekFirst().endNs() <= now - retainNs
        || retainedRows > maxRows && slices.size() > 1)) {
      retainedRows -= slices.removeFirst().rows().size();
    }
  }

  /**
   * {@return the rows of the slices that end within the last {@code length} (cut now), merged} A
   * slice that began before the window counts whole: the window reaches back to its start.
   *
   * @param length how far back to look; at most the retention this window was made with
   */
  public synchronized Rows window(Duration length) {
    advance();
    long now = sliceStartNs;
    long from = now - Math.min(length.toNanos(), retainNs);
    AggregateTable merged = new AggregateTable(256);
    long start = now;
    for (Slice s : slices) {
      if (s.endNs() > from) {
        s.rows().forEach(merged::add);
        start = Math.min(start, s.startNs());
      }
    }
    return new Rows(merged.rows(), now - start);
  }
}
