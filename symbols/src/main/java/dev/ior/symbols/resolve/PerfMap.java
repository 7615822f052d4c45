// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JIT's perf map ({@code /tmp/perf-PID.map}): one {@code START SIZE NAME} line per code blob,
 * addresses and sizes in hex with or without {@code 0x} (JDK 17 writes {@code 0x7f..} for the
 * start and a bare size, newer JDKs and other JITs differ), the name running to the end of the
 * line. Malformed lines are skipped. Later lines win where blobs overlap (a code cache slot
 * reused by a newer method). Immutable.
 */
public final class PerfMap {
  /** A map without entries. */
  public static final PerfMap EMPTY = new PerfMap(new long[0], new long[0], new String[0]);

  private final long[] starts;
  private final long[] ends;
  private final String[] names;

  private PerfMap(long[] starts, long[] ends, String[] names) {
    this.starts = starts;
    this.ends = ends;
    this.names = names;
  }

  /**
   * Reads {@code file}; {@link #EMPTY} when it does not exist or cannot be read.
   *
   * @param file a perf map, {@code /tmp/perf-PID.map}
   * @return the map's blobs
   */
  public static PerfMap read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      return parse(r.lines().iterator());
    } catch (IOException | RuntimeException e) {
      return EMPTY;
    }
  }

  /**
   * Parses perf-map lines.
   *
   * @param lines lines of {@code START SIZE name} (hex start and size); others are skipped
   * @return the map's blobs
   */
  public static PerfMap parse(java.util.Iterator<String> lines) {
    List<long[]> ranges = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    while (lines.hasNext()) {
      String line = lines.next();
      int a = line.indexOf(' ');
      int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
      if (b < 0) {
        continue;
      }
      long start = hex(line, 0, a);
      long size = hex(line, a + 1, b);
      if (start <= 0 || size <= 0) {
        continue;
      }
      ranges.add(new long[] {start, start + size, ranges.size()});
      texts.add(new String(line.substring(b + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
          StandardCharsets.UTF_8));
    }
    // Sort by start; for equal starts the later line (higher index) last, so it wins below.
    ranges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[2], y[2]));
    int n = ranges.size();
    long[] st = new long[n];
    long[] en = new long[n];
    String[] nm = new String[n];
    int k = 0;
    for (long[] r : ranges) {
      if (k > 0 && st[k - 1] == r[0]) {
        k--;
      }
      st[k] = r[0];
      en[k] = r[1];
      nm[k] = texts.get((int) r[2]);
      k++;
    }
    return new PerfMap(Arrays.copyOf(st, k), Arrays.copyOf(en, k), Arrays.copyOf(nm, k));
  }

  /** A hex number with an optional 0x; -1 when malformed. */
  private static long hex(String s, int from, int to) {
    if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) | 0x20) == 'x') {
      from += 2;
    }
    if (to <= from || to - from > 16) {
      return -1;
    }
    try {
      return Long.parseUnsignedLong(s.substring(from, to), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * {@return the name of the blob containing {@code address}, or null}
   *
   * @param address a virtual address
   */
  public String nameAt(long address) {
    int i = Arrays.binarySearch(starts, address);
    if (i < 0) {
      i = -i - 2;
    }
    return i >= 0 && address < ends[i] ? names[i] : null;
  }

  /** {@return number of entries} */
  public int size() {
    return starts.length;
  }
}
