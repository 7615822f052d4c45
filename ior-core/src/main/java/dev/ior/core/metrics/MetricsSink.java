// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.internal.util.IntervalSwap;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.Syscall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A {@link PairSink} that counts pairs per (syscall, comm, container) series for a metrics
 * exporter: calls, errors by errno, bytes and a latency histogram (classic and native layouts,
 * {@link LatencyBuckets}).
 *
 * <p>The consumer thread counts into an interval buffer without locks and, once a series
 * exists, without allocation ({@link IntervalSwap}); any other thread calls {@link #snapshot()}
 * (per scrape) or {@link #advance()} (about once a second, to keep intervals short), which swap
 * the buffers and merge the old one into running totals. A slow or absent reader therefore
 * never slows the consumer; it only lets one interval grow.
 *
 * <p>Bounded under churn: at most {@link MetricsOptions#maxSeries()} series; pairs of further
 * series count in an overflow series of their syscall (comm {@link PairLabels#OTHER}), so
 * per-syscall totals stay exact, and {@link MetricsSnapshot#foldedPairs()} says how many were
 * folded. A series without a pair for {@link MetricsOptions#idle()} is dropped on both sides.
 *
 * <pre>{@code
 * MetricsSink metrics = new MetricsSink(MetricsOptions.DEFAULTS, PairLabels.CURRENT,
 *     System::nanoTime);
 * BpfTraceSession session = BpfTraceSession.start(config, metrics, System.err::println);
 * ... per scrape, on an HTTP thread:
 * MetricsSnapshot s = metrics.snapshot();
 * }</pre>
 */
public final class MetricsSink implements PairSink {
  private static final long SCAN_PERIOD_NS = 1_000_000_000L;
  /** Ids beyond the cap for overflow series, one per syscall that overflows. */
  private static final int OVERFLOW_ROOM = 1024;

  private final MetricsOptions options;
  private final PairLabels labels;
  private final LongSupplier clock;
  private final long idleNs;
  private final String otherContainer;
  private final IntervalSwap<IntervalBuffer> buffers;
  // Consumer thread.
  private final SeriesRegistry registry;
  private IntervalBuffer lastBuffer;
  private long newestNs;
  private long lastScanNs;
  /** Series in a stable order, so that a scrape can walk them page by page ({@link #page}). */
  public static final Comparator<SeriesKey> ORDER = Comparator
      .comparing((SeriesKey k) -> k.syscall().name())
      .thenComparing(SeriesKey::comm)
      .thenComparing(SeriesKey::container);

  // Reader side, guarded by this.
  private final NavigableMap<SeriesKey, SeriesTotals> totals = new TreeMap<>(ORDER);
  private SeriesTotals[] byId = new SeriesTotals[16];
  private long folded;
  private long evicted;

  /**
   * A sink.
   *
   * @param clock monotonic ns for the reader's idle rule (System::nanoTime; a fake in tests);
   *     the consumer's idle rule uses the pairs' own exit times
   * @param options the series cap and the idle time after which a series is dropped
   * @param labels the family and container labels of each pair
   */
  public MetricsSink(MetricsOptions options, PairLabels labels, LongSupplier clock) {
    this.options = options;
    this.labels = labels;
    this.clock = clock;
    this.idleNs = options.idle().toNanos();
    this.otherContainer = labels.hasContainers() ? PairLabels.OTHER : "";
    int slots = options.maxSeries() + OVERFLOW_ROOM;
    this.buffers = new IntervalSwap<>(new IntervalBuffer(slots), new IntervalBuffer(slots));
    this.registry = new SeriesRegistry(Math.min(options.maxSeries(), 4096));
  }

  @Override
  public void accept(SyscallPair p) {
    IntervalBuffer b = buffers.enter();
    try {
      if (b != lastBuffer) { // a swap happened: ids removed before it are in no buffer now
        registry.releasePending();
        lastBuffer = b;
      }
      Syscall s = p.syscall();
      String comm = p.comm() == null ? "" : p.comm();
      String container = labels.container(p);
      long now = p.exitNs();
      newestNs = now;
      int id = registry.find(s, comm, container, SeriesRegistry.hash(s, comm, container));
      if (id < 0) {
        id = admit(s, comm, container, now, b);
      }
      registry.touch(id, now);
      b.ensure(registry.idLimit());
      b.record(id, registry, p);
    } finally {
      buffers.exit();
    }
  }

  /** Registers a new series, or picks its syscall's overflow series when the cap is reached. */
  private int admit(Syscall s, String comm, String container, long now, IntervalBuffer b) {
    if (registry.live() >= options.maxSeries() && now - lastScanNs >= SCAN_PERIOD_NS) {
      scan(now);
    }
    if (registry.live() < options.maxSeries()) {
      return registry.add(s, comm, container, SeriesRegistry.hash(s, comm, container), false,
          now);
    }
    b.folded++;
    int h = SeriesRegistry.hash(s, PairLabels.OTHER, otherContainer);
    int id = registry.find(s, PairLabels.OTHER, otherContainer, h);
    return id >= 0 ? id : registry.add(s, PairLabels.OTHER, otherContainer, h, true, now);
  }

  private void scan(long now) {
    lastScanNs = now;
    registry.evictIdle(now, idleNs);
  }

  /** Drops idle series about once a second (by the pairs' clock), when pairs arrive. */
  @Override
  public void flush() {
    if (newestNs - lastScanNs >= SCAN_PERIOD_NS) {
      scan(newestNs);
    }
  }

  /**
   * Swaps the interval buffers and merges the old one into the totals; drops idle series. Any
   * thread; call it about once a second so that intervals stay short.
   */
  public synchronized void advance() {
    long now = clock.getAsLong();
    buffers.swap(old -> {
      drain(old, now);
      old.clear();
      return null;
    });
    long before = totals.size();
    totals.values().removeIf(t -> now - t.lastUpdateNs > idleNs);
    evicted += before - totals.size();
  }

  private void drain(IntervalBuffer b, long now) {
    if (byId.length < b.capacity) {
      byId = new SeriesTotals[b.capacity];
    }
    for (int k = 0; k < b.touchedCount; k++) {
      int id = b.touchedIds[k];
      SeriesTotals t = byId[id];
      if (t == null || !t.is(b.syscalls[id], b.comms[id], b.containers[id])
          || totals.get(t.key()) != t) {
        SeriesKey key = new SeriesKey(b.syscalls[id], b.comms[id], b.containers[id]);
        t = totals.computeIfAbsent(key, SeriesTotals::new);
      }
      t.add(b, id, now);
      byId[id] = t;
    }
    for (int i = 0; i < b.errors.capacity(); i++) {
      long key = b.errors.key(i);
      if (key != 0) {
        byId[(int) (key >>> 32)].addErrors((int) key, b.errors.count(i));
      }
    }
    for (int i = 0; i < b.spills.capacity(); i++) {
      long key = b.spills.key(i);
      if (key != 0) {
        int index = (int) (key - 1);
        byId[index / IntervalBuffer.SLOTS].addBucket(index % IntervalBuffer.SLOTS,
            b.spills.count(i));
      }
    }
    folded += b.folded;
  }

  /** {@return {@link #advance()}, then the totals as an immutable snapshot} Any thread. */
  public synchronized MetricsSnapshot snapshot() {
    advance();
    List<SeriesSnapshot> out = new ArrayList<>(totals.size());
    for (SeriesTotals t : totals.values()) {
      out.add(t.snapshot());
    }
    return new MetricsSnapshot(out, folded, evicted, options.maxSeries());
  }

  /**
   * {@return up to {@code max} series after {@code after} (from the first when null, which first
   * merges the current interval) in {@link #ORDER}: a scrape walks every series this way holding
   * this lock only per page, so that a client that reads slowly never holds it, and its memory is
   * one page} A series that appears or goes between two pages may be missed or seen; none is seen
   * twice. Any thread.
   *
   * @param after the last key of the previous page, or null for the first page
   * @param max the page size, > 0
   */
  public synchronized List<SeriesSnapshot> page(SeriesKey after, int max) {
    if (after == null) {
      advance();
    }
    NavigableMap<SeriesKey, SeriesTotals> rest = after == null ? totals
        : totals.tailMap(after, false);
    List<SeriesSnapshot> out = new ArrayList<>(Math.min(max, rest.size()));
    for (SeriesTotals t : rest.values()) {
      if (out.size() == max) {
        break;
      }
      out.add(t.snapshot());
    }
    return out;
  }

  /**
   * {@return the counts of a snapshot without its series ({@code series()} is empty)} Any thread.
   */
  public synchronized MetricsSnapshot counts() {
    advance();
    return new MetricsSnapshot(List.of(), folded, evicted, options.maxSeries());
  }

  /** {@return series exported now} Any thread. */
  public synchronized int seriesCount() {
    return totals.size();
  }

  /** {@return the labels this sink was made with (the exporter asks them for families)} */
  public PairLabels labels() {
    return labels;
  }
}
