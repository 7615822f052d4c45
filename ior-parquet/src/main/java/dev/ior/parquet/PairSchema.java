// SPDX-License-Identifier: Apache-2.0
package dev.ior.parquet;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of paired calls (docs/formats.md): the columns of the ClickHouse table,
 * with nulls where a value is absent (no file, no container, no errno). Times are int64 ns:
 * {@code time_ns} since the epoch (UTC), durations as they are.
 */
public final class PairSchema {
  private PairSchema() {}

  /** The schema as Parquet's text form. */
  public static final String TEXT = "message ior_event {\n"
      + "  required binary host (STRING);\n"
      + "  required int64 time_ns;\n"
      + "  required int64 duration_ns;\n"
      + "  required int64 gap_ns;\n"
      + "  optional binary container (STRING);\n"
      + "  required int64 cgroup_id;\n"
      + "  required binary comm (STRING);\n"
      + "  required int32 pid;\n"
      + "  required int32 tid;\n"
      + "  required binary thread (STRING);\n"
      + "  required binary syscall (STRING);\n"
      + "  required binary family (STRING);\n"
      + "  required int32 fd;\n"
      + "  optional binary file (STRING);\n"
      + "  optional binary file2 (STRING);\n"
      + "  required int32 flags;\n"
      + "  required int64 ret;\n"
      + "  optional binary errno (STRING);\n"
      + "  required int64 bytes;\n"
      + "  required int32 marks;\n"
      + "}\n";

  /** The schema. */
  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(TEXT);
}
