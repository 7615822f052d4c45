// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import java.util.Locale;

/**
 * What readers of untrusted files accept before they refuse, so that memory stays bounded
 * whatever a file claims: how many times its compressed size a gzip stream may expand to (a
 * decompression bomb expands ~1000 times; real profiles and .ior files 5 to 50 times), and how
 * many rows a reader that keeps rows in memory takes (about 250 B of heap each).
 *
 * <p>The defaults come from the system properties {@code ior.input.maxRatio} and {@code
 * ior.input.maxRows} (set with {@code IOR_JAVA_OPTS=-D...}), which every error names.
 *
 * @param maxRatio decompressed bytes per compressed byte, checked once 16 MiB came out
 * @param maxRows rows one file may hold
 */
public record InputLimits(long maxRatio, long maxRows) {
  /** Ratio allowed by default: far above real files, far below a bomb's ~1000. */
  public static final long DEFAULT_RATIO = 200;
  /** Rows by default: about 1 GiB of heap at most. */
  public static final long DEFAULT_ROWS = 4_000_000;
  /** Decompressed bytes before the ratio is checked: small files may compress better. */
  public static final long RATIO_GRACE = 16L << 20;

  public InputLimits {
    if (maxRatio < 1 || maxRows < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }

  /** The limits of this JVM: the defaults unless the system properties say otherwise. */
  public static InputLimits current() {
    return new InputLimits(Long.getLong("ior.input.maxRatio", DEFAULT_RATIO),
        Long.getLong("ior.input.maxRows", DEFAULT_ROWS));
  }

  /** The refusal of a stream that expands more than allowed. */
  public String ratioRefusal() {
    return "decompresses to more than " + maxRatio + " times its size (a decompression bomb?);"
        + " IOR_JAVA_OPTS=-Dior.input.maxRatio=N raises the limit";
  }

  /** The refusal of {@code rows} rows, announced or found. */
  public String rowsRefusal(long rows, String how) {
    return String.format(Locale.ROOT, "%s %,d rows, more than the %,d ior reads into memory"
        + " (IOR_JAVA_OPTS=-Dior.input.maxRows=N raises the limit)", how, rows, maxRows);
  }
}
