// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import java.util.Collection;

/**
 * Totals of one row of the live view: a syscall, a file, a directory or a process. Immutable.
 *
 * <pre>{@code
 * for (GroupStats s : snapshot.syscalls()) {
 *   System.out.println(s.key() + " " + s.count() + " calls, avg " + s.avgNs() + " ns");
 * }
 * }</pre>
 *
 * @param key what the row is: the syscall name, the path, the pid
 * @param detail a second label (the comm of a process), or ""
 * @param count calls
 * @param totalNs summed latency, ns
 * @param maxNs largest latency, ns
 * @param bytesRead bytes returned by successful read-family calls
 * @param bytesWritten bytes returned by successful write-family calls
 * @param errors calls that returned an error
 * @param latency latency histogram (frozen)
 * @param gap histogram of the gap to the thread's previous syscall (frozen)
 */
public record GroupStats(String key, String detail, long count, long totalNs, long maxNs,
    long bytesRead, long bytesWritten, long errors, Log2Histogram latency, Log2Histogram gap) {

  /** {@return average latency, ns; 0 without calls} */
  public long avgNs() {
    return count == 0 ? 0 : totalNs / count;
  }

  /**
   * {@return the sum of several rows under a new key (e.g. the files of one directory)}
   *
   * @param key the new row's key, e.g. a directory
   * @param detail the new row's detail column, e.g. {@code 12 files}
   * @param rows the rows to sum
   */
  public static GroupStats merge(String key, String detail, Collection<GroupStats> rows) {
    Log2Histogram lat = new Log2Histogram();
    Log2Histogram gaps = new Log2Histogram();
    long count = 0;
    long total = 0;
    long max = 0;
    long read = 0;
    long written = 0;
    long errors = 0;
    for (GroupStats r : rows) {
      count += r.count;
      total += r.totalNs;
      max = Math.max(max, r.maxNs);
      read += r.bytesRead;
      written += r.bytesWritten;
      errors += r.errors;
      lat.add(r.latency);
      gaps.add(r.gap);
    }
    return new GroupStats(key, detail, count, total, max, read, written, errors,
        lat.frozenCopy(), gaps.frozenCopy());
  }
}
