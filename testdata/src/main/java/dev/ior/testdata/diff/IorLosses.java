// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ior said it lost in a batch (its statistics on stderr): records the ring had no room for
 * or that were unread at the stop, and file names the kernel side could not hand over. A batch
 * with losses cannot be compared call by call: its programs' missing calls and names would read
 * as naming mismatches. Happens when the consumer falls behind, on a loaded machine with many
 * long paths (kind long_path under two busy loops: 75,160 records lost in a 16 MiB ring).
 *
 * @param records records lost (ring full plus unread at stop)
 * @param names kernel names lost
 */
public record IorLosses(long records, long names) {
  private static final Pattern RING_FULL = Pattern.compile("ring full ([\\d,]+)");
  private static final Pattern UNREAD = Pattern.compile("unread at stop ([\\d,]+)");
  private static final Pattern NAMES = Pattern.compile("([\\d,]+) kernel names lost");

  /** The losses ior's statistics {@code iorErr} report; none when they name none. */
  public static IorLosses of(String iorErr) {
    return new IorLosses(number(RING_FULL, iorErr) + number(UNREAD, iorErr),
        number(NAMES, iorErr));
  }

  /** Whether anything was lost. */
  public boolean any() {
    return records > 0 || names > 0;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%,d records and %,d names", records, names);
  }

  private static long number(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
  }
}
