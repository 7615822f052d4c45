// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import dev.ior.cli.stream.LineBuffer;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Streams pairs into a ClickHouse table in batches. The consumer thread formats each pair into
 * the current batch (TabSeparated bytes, no allocation) and hands a full or old batch to a
 * bounded queue without waiting; the thread {@code ior-clickhouse} sends the queued batches,
 * retrying with exponential backoff while ClickHouse is unreachable or answers 5xx. When the
 * queue is full the batch is dropped and counted: ClickHouse being slow or down never stalls
 * the trace. Memory: at most {@code queueBatches + 2} batches of {@code batchRows} rows.
 *
 * <p>Delivery is at least once: a batch whose acknowledgement was lost (a timeout after the
 * server had stored it) is sent again.
 */
final class ClickHouseSink implements PairSink {
  /**
   * How the sink batches and retries.
   *
   * @param table {@code [database.]table}, checked by {@link EventSchema#checkTable}
   * @param batchRows rows per INSERT at most (&gt; 0)
   * @param maxDelayNs a batch is sent at the latest this long after its first row, ns
   * @param queueBatches batches waiting to be sent at most (&gt; 0)
   * @param retryForNs how long one batch is retried before it is dropped, ns
   * @param drainNs how long the end of the trace waits for the queue to be sent, ns
   */
  record Settings(String table, int batchRows, long maxDelayNs, int queueBatches,
      long retryForNs, long drainNs) {
    Settings {
      EventSchema.checkTable(table);
      if (batchRows <= 0 || queueBatches <= 0 || maxDelayNs <= 0) {
        throw new IllegalArgumentException("ClickHouse batch rows, delay and queue must be > 0");
      }
    }
  }

  private static final long MAX_BACKOFF_NS = 5_000_000_000L;

  private final Settings settings;
  private final ClickHouseClient client;
  private final RowFormat format;
  private final LongSupplier clock;
  private final ArrayBlockingQueue<Batch> queue;
  private final ArrayBlockingQueue<Batch> free;
  private final LineBuffer line;
  private final Thread sender;
  private Batch current;
  private volatile boolean stopping;
  private volatile long drainDeadlineNs;
  // Each counter has one writer: the consumer (queue full) or the sender (the rest).
  private volatile long rowsSent;
  private volatile long batchesSent;
  private volatile long retries;
  private volatile long droppedQueueFull;
  private volatile long droppedFailed;
  private volatile long droppedRejected;
  private volatile long droppedAtStop;
  private volatile String lastError = "";

  /** A sink; its sender thread starts now. */
  ClickHouseSink(Settings settings, ClickHouseClient client, RowFormat format,
      LongSupplier clock) {
    this.settings = settings;
    this.client = client;
    this.format = format;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(settings.queueBatches());
    this.free = new ArrayBlockingQueue<>(settings.queueBatches() + 2);
    for (int i = 0; i < settings.queueBatches() + 1; i++) {
      free.add(new Batch(64 << 10));
    }
    this.current = new Batch(64 << 10);
    // The line buffer drains into whichever batch is current.
    this.line = new LineBuffer(new OutputStream() {
      @Override
      public void write(int b) {
        current.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        current.write(b, off, len);
      }
    }, 64 << 10);
    this.sender = new Thread(this::sendLoop, "ior-clickhouse");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void accept(SyscallPair p) {
    if (current.rows == 0) {
      current.firstNs = p.exitNs();
    }
    format.write(line, p);
    current.rows++;
    if (current.rows >= settings.batchRows()
        || p.exitNs() - current.firstNs >= settings.maxDelayNs()) {
      cut();
    }
  }

  /** The ring is drained: send a batch that has waited long enough even if no pair comes. */
  @Override
  public void flush() {
    if (current.rows > 0 && clock.getAsLong() - current.firstNs >= settings.maxDelayNs()) {
      cut();
    }
  }

  /** The last batch goes to the queue; the sender drains it until the drain time is up. */
  @Override
  public void finish() {
    if (current.rows > 0) {
      cut();
    }
    drainDeadlineNs = clock.getAsLong() + settings.drainNs();
    stopping = true;
  }

  /** Consumer thread: hands the current batch over, or drops it when the queue is full. */
  private void cut() {
    line.flush();
    if (!queue.offer(current)) {
      droppedQueueFull += current.rows;
      current.reset();
      return;
    }
    Batch next = free.poll();
    current = next != null ? next : new Batch(64 << 10); // never: one spare beyond the queue
  }

  /** Waits for the sender to end (after {@link #finish()}: the drain time at most). */
  void awaitSent() throws InterruptedException {
    sender.join();
  }

  /** The counters now; any thread. */
  ClickHouseStats stats() {
    return new ClickHouseStats(rowsSent, batchesSent, retries, droppedQueueFull, droppedFailed,
        droppedRejected, droppedAtStop, lastError);
  }

  private void sendLoop() {
    try {
      while (true) {
        Batch b = queue.poll(100, TimeUnit.MILLISECONDS);
        if (b == null) {
          if (stopping && queue.isEmpty()) {
            return;
          }
          continue;
        }
        if (stopping && clock.getAsLong() > drainDeadlineNs) {
          droppedAtStop += b.rows;
        } else {
          send(b);
        }
        b.reset();
        free.offer(b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends one batch, retrying with backoff; counts it as sent or dropped, by reason. */
  private void send(Batch b) throws InterruptedException {
    long start = clock.getAsLong();
    long backoff = 100_000_000L;
    while (true) {
      try {
        client.insert(settings.table(), b.bytes, b.length);
        rowsSent += b.rows;
        batchesSent++;
        return;
      } catch (ClickHouseClient.Failure f) {
        lastError = f.getMessage();
        if (!f.retriable) {
          droppedRejected += b.rows;
          return;
        }
        long now = clock.getAsLong();
        if (stopping && now + backoff > drainDeadlineNs) {
          droppedAtStop += b.rows;
          return;
        }
        if (now + backoff - start > settings.retryForNs()) {
          droppedFailed += b.rows;
          return;
        }
        retries++;
        TimeUnit.NANOSECONDS.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NS);
      }
    }
  }
}
