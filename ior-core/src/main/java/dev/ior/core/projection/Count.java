// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.flamegraph.load.CountNames;
import dev.ior.flamegraph.profile.SampleType;
import java.util.ArrayList;
import java.util.List;

/**
 * A counter of an aggregated row that can size flame-graph frames, with ior's names ({@code
 * -count count|duration|durationToPrev|bytes}) and the pprof sample type it becomes.
 *
 * <pre>{@code
 * Count c = Count.parse("duration");
 * c.sampleType();   // duration/nanoseconds
 * c.of(row);        // row.durationNs()
 * }</pre>
 */
public enum Count {
  /** Number of calls. */
  COUNT("count", "count"),
  /** Summed latency. */
  DURATION("duration", "nanoseconds"),
  /** Summed time since the thread's previous syscall returned. */
  DURATION_TO_PREV("durationToPrev", "nanoseconds"),
  /** Summed bytes read, written or transferred. */
  BYTES("bytes", "bytes");

  private final String id;
  private final String unit;

  Count(String id, String unit) {
    this.id = id;
    this.unit = unit;
  }

  /** {@return ior's name, as accepted by {@code -count}} */
  public String id() {
    return id;
  }

  /** {@return the pprof sample type: ior's name and an honest unit} */
  public SampleType sampleType() {
    return new SampleType(id, unit);
  }

  /** {@return what one unit is called in tooltips and messages: calls, ns or bytes} */
  public String countName() {
    return this == COUNT ? "calls" : CountNames.of(sampleType());
  }

  /**
   * {@return this counter's value in {@code row}}
   *
   * @param row an aggregated row
   */
  public long of(AggregateRow row) {
    switch (this) {
      case COUNT:
        return row.count();
      case DURATION:
        return row.durationNs();
      case DURATION_TO_PREV:
        return row.durationToPrevNs();
      default:
        return row.bytes();
    }
  }

  /**
   * {@return the counter called {@code name}}
   *
   * @param name a count's name as {@code -count} takes it: {@code count}, {@code duration}, ...
   * @throws IllegalArgumentException naming the valid counts when there is none
   */
  public static Count parse(String name) {
    for (Count c : values()) {
      if (c.id.equals(name.trim())) {
        return c;
      }
    }
    List<String> ids = new ArrayList<>();
    for (Count c : values()) {
      ids.add(c.id);
    }
    throw new IllegalArgumentException("unknown count '" + name + "': valid counts are "
        + String.join(", ", ids));
  }
}
