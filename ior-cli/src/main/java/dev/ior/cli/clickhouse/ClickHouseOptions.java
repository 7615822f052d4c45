// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import dev.ior.cli.stream.WallClock;
import dev.ior.cli.trace.TraceOutput;
import dev.ior.cli.zeekspy.GoDurationConverter;
import dev.ior.core.metrics.PairLabels;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code -clickhouse URL} and its settings: stream every call into a ClickHouse table. */
public final class ClickHouseOptions {
  /** The environment variable holding the password of {@code -clickhouse-user}. */
  public static final String PASSWORD_ENV = "IOR_CLICKHOUSE_PASSWORD";

  @Option(names = {"-clickhouse", "--clickhouse"}, paramLabel = "URL",
      description = "Stream every call into ClickHouse over its HTTP interface, e.g."
          + " http://127.0.0.1:8123 (batched; when ClickHouse is slow or down, calls are"
          + " dropped and counted, the trace never waits).")
  URI url;

  @Option(names = {"-clickhouse-table", "--clickhouse-table"}, paramLabel = "DB.TABLE",
      defaultValue = "ior.events",
      description = "The table (default: ${DEFAULT-VALUE}); see docs/clickhouse.md for its DDL.")
  String table;

  @Option(names = {"-clickhouse-create", "--clickhouse-create"},
      description = "Create the database and table if they do not exist.")
  boolean create;

  @Option(names = {"-clickhouse-user", "--clickhouse-user"}, paramLabel = "USER",
      description = "ClickHouse user (password from $" + PASSWORD_ENV + ").")
  String user;

  @Option(names = {"-clickhouse-batch", "--clickhouse-batch"}, paramLabel = "ROWS",
      defaultValue = "20000", description = "Rows per INSERT at most (default: ${DEFAULT-VALUE}).")
  int batchRows;

  @Option(names = {"-clickhouse-delay", "--clickhouse-delay"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class, defaultValue = "1s",
      description = "Send a batch at the latest this long after its first call (default:"
          + " ${DEFAULT-VALUE}).")
  Duration delay;

  @Option(names = {"-clickhouse-queue", "--clickhouse-queue"}, paramLabel = "BATCHES",
      defaultValue = "16", description = "Batches waiting to be sent at most (default:"
          + " ${DEFAULT-VALUE}); beyond that, calls are dropped and counted.")
  int queueBatches;

  @Option(names = {"-clickhouse-retry", "--clickhouse-retry"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class, defaultValue = "60s",
      description = "Retry a batch this long (backoff 0.1 s doubling to 5 s) while ClickHouse"
          + " is unreachable or answers 5xx, then drop it (default: ${DEFAULT-VALUE}).")
  Duration retry;

  @Option(names = {"-clickhouse-drain", "--clickhouse-drain"}, paramLabel = "DURATION",
      converter = GoDurationConverter.class, defaultValue = "10s",
      description = "At the end, wait this long for queued batches (default: ${DEFAULT-VALUE}).")
  Duration drain;

  /** Whether -clickhouse was given. */
  public boolean enabled() {
    return url != null;
  }

  /**
   * The settings; a bad table name or number is an IllegalArgumentException (a usage error).
   */
  ClickHouseSink.Settings settings() {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("-clickhouse needs an http:// or https:// URL, e.g."
          + " http://127.0.0.1:8123");
    }
    return new ClickHouseSink.Settings(table, batchRows, delay.toNanos(), queueBatches,
        retry.toNanos(), drain.toNanos());
  }

  /** Checks the flags before anything starts. @throws IllegalArgumentException when bad */
  public void validate() {
    if (enabled()) {
      settings();
    }
  }

  /**
   * Connects, creates or checks the table, and returns the output.
   *
   * @throws IOException saying what failed (unreachable, refused, no such table)
   */
  public ClickHouseOutput output(WallClock clock, String host, PairLabels labels)
      throws IOException {
    ClickHouseClient client = new ClickHouseClient(url, user, System.getenv(PASSWORD_ENV),
        Duration.ofSeconds(10));
    ClickHouseSink.Settings s = settings();
    ClickHouseTable.prepare(client, s.table(), create);
    return new ClickHouseOutput(new ClickHouseSink(s, client, new RowFormat(host, clock, labels),
        System::nanoTime), url, s.table());
  }
}
