// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import java.io.IOException;

/** Before the trace: ClickHouse answers, and the table exists (or is created on request). */
final class ClickHouseTable {
  private ClickHouseTable() {}

  static void prepare(ClickHouseClient client, String table, boolean create) throws IOException {
    try {
      client.query("SELECT 1");
    } catch (ClickHouseClient.Failure e) {
      throw new IOException("cannot reach ClickHouse: " + e.getMessage(), e);
    }
    try {
      if (create) {
        String db = EventSchema.database(table);
        if (db != null) {
          client.query("CREATE DATABASE IF NOT EXISTS " + db);
        }
        client.query(EventSchema.createTable(table));
      } else if (!client.query("EXISTS TABLE " + table).strip().equals("1")) {
        throw new IOException("ClickHouse has no table " + table + ": add -clickhouse-create,"
            + " or create it with the DDL in docs/clickhouse.md");
      }
      String columns = client.query("DESCRIBE TABLE " + table + " FORMAT TSV").lines()
          .map(l -> l.split("\t", -1)).map(f -> f[0] + " " + f[1])
          .reduce((a, b) -> a + ", " + b).orElse("");
      if (!columns.equals(EventSchema.COLUMNS)) {
        throw new IOException("ClickHouse table " + table + " has other columns than ior"
            + " writes (" + columns + "); expected " + EventSchema.COLUMNS
            + " (docs/clickhouse.md)");
      }
    } catch (ClickHouseClient.Failure e) {
      throw new IOException("cannot " + (create ? "create" : "check") + " ClickHouse table "
          + table + ": " + e.getMessage(), e);
    }
  }
}
