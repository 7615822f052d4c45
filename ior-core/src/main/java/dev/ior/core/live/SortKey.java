// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A column the live tables sort by. Numbers sort largest first, names alphabetically; ties
 * fall back to the key so that the order is stable from one snapshot to the next.
 *
 * <pre>{@code
 * List<GroupStats> top = SortKey.TOTAL_TIME.sort(snapshot.files());
 * }</pre>
 */
public enum SortKey {
  /** The row's key (syscall, path, pid), ascending. */
  NAME("name"),
  /** Calls. */
  COUNT("count"),
  /** Summed latency. */
  TOTAL_TIME("total"),
  /** Average latency. */
  AVG_TIME("avg"),
  /** Largest latency. */
  MAX_TIME("max"),
  /** Bytes read. */
  READ("read"),
  /** Bytes written. */
  WRITTEN("written"),
  /** Errors. */
  ERRORS("errors");

  private final String label;

  SortKey(String label) {
    this.label = label;
  }

  /** {@return the short column label} */
  public String label() {
    return label;
  }

  /** {@return the next key, wrapping around (the dashboard's sort key cycles)} */
  public SortKey next() {
    return values()[(ordinal() + 1) % values().length];
  }

  /** {@return the order this key defines, ties broken by key} */
  public Comparator<GroupStats> comparator() {
    Comparator<GroupStats> byKey = Comparator.comparing(GroupStats::key, SortKey::compareKeys);
    if (this == NAME) {
      return byKey;
    }
    Comparator<GroupStats> byValue = Comparator.comparingLong(this::value);
    return byValue.reversed().thenComparing(byKey);
  }

  /**
   * {@return a sorted copy of {@code rows}}
   *
   * @param rows the rows, unchanged
   */
  public List<GroupStats> sort(List<GroupStats> rows) {
    return rows.stream().sorted(comparator()).collect(Collectors.toList());
  }

  /**
   * {@return the value this key sorts by (0 for NAME)}
   *
   * @param s the row
   */
  public long value(GroupStats s) {
    switch (this) {
      case COUNT:
        return s.count();
      case TOTAL_TIME:
        return s.totalNs();
      case AVG_TIME:
        return s.avgNs();
      case MAX_TIME:
        return s.maxNs();
      case READ:
        return s.bytesRead();
      case WRITTEN:
        return s.bytesWritten();
      case ERRORS:
        return s.errors();
      default:
        return 0;
    }
  }

  /** Numeric keys (pids) compare as numbers, so that pid 9 comes before pid 10. */
  private static int compareKeys(String a, String b) {
    if (isNumber(a) && isNumber(b)) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
