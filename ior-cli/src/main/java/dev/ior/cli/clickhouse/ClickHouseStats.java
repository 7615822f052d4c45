// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

/**
 * What the ClickHouse sink sent and what it dropped, by reason: every pair handed to it is in
 * exactly one of {@code rowsSent}, the drop counters, or (while running) a pending batch.
 *
 * @param rowsSent rows ClickHouse acknowledged
 * @param batchesSent INSERTs acknowledged
 * @param retries INSERTs tried again (after a connection failure or a 5xx answer)
 * @param droppedQueueFull rows dropped because the queue of batches was full (ClickHouse slower
 *     than the trace, or down for longer than the queue lasts)
 * @param droppedFailed rows of batches given up on after retrying for the retry limit
 * @param droppedRejected rows of batches ClickHouse refused (a 4xx answer: table, columns,
 *     rights); not retried
 * @param droppedAtStop rows still queued or being retried when the trace ended and the drain
 *     time was up
 * @param lastError the last failure, or "" when none
 */
public record ClickHouseStats(long rowsSent, long batchesSent, long retries,
    long droppedQueueFull, long droppedFailed, long droppedRejected, long droppedAtStop,
    String lastError) {

  /** Rows dropped for any reason. */
  public long dropped() {
    return droppedQueueFull + droppedFailed + droppedRejected + droppedAtStop;
  }
}
