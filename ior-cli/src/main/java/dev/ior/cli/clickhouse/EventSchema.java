// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ClickHouse table of events: its DDL (documented in docs/clickhouse.md) and name checks.
 * Times are integer ns since the epoch (UInt64): ClickHouse 18.16, what Debian ships, has no
 * DateTime64. MergeTree partitioned by day, ordered for per-host, per-syscall time ranges.
 */
final class EventSchema {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The columns in the order RowFormat writes them. */
  static final String COLUMNS = "host String, time_ns UInt64, duration_ns UInt64,"
      + " gap_ns UInt64, container String, cgroup_id UInt64, comm String, pid UInt32,"
      + " tid UInt32, thread String, syscall String, family String, fd Int32, file String,"
      + " file2 String, flags Int32, ret Int64, errno String, bytes UInt64, marks UInt32,"
      + " stack_id UInt64";

  private EventSchema() {}

  /**
   * Checks a {@code [database.]table} name (letters, digits, underscores) so it can be put in a
   * query as it is.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  static String checkTable(String table) {
    String[] parts = table.split("\\.", -1);
    if (parts.length > 2 || !NAME.matcher(parts[0]).matches()
        || parts.length == 2 && !NAME.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException("'" + table + "' is not a table name: use"
          + " [database.]table of letters, digits and _, e.g. ior.events");
    }
    return table;
  }

  /** The database of {@code db.table}, or null. */
  static String database(String table) {
    int dot = table.indexOf('.');
    return dot < 0 ? null : table.substring(0, dot);
  }

  /** CREATE TABLE IF NOT EXISTS for {@code table}. */
  static String createTable(String table) {
    return String.format(Locale.ROOT, "CREATE TABLE IF NOT EXISTS %s (%s) ENGINE = MergeTree()"
        + " PARTITION BY toYYYYMMDD(toDateTime(intDiv(time_ns, 1000000000)))"
        + " ORDER BY (host, syscall, time_ns)", table, COLUMNS);
  }
}
