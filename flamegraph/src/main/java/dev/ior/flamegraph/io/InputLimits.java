// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import java.util.Locale;

/**
 * What readers of untrusted files accept before they refuse, so that memory stays bounded
 * whatever a file claims: how many times its compressed size a gzip stream may expand to (a
 * decompression bomb expands ~1000 times; real profiles and .ior files 5 to 50 times), and how
 * many rows a reader that keeps rows in memory takes (about 250 B of heap each).
 *
 * <p>The limits come from the system properties {@link #RATIO_PROPERTY} and {@link
 * #ROWS_PROPERTY}, which the command-line flags {@code -max-input-ratio} and {@code
 * -max-input-rows} set (the flags every refusal names).
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
  /** The system property holding the ratio cap. */
  public static final String RATIO_PROPERTY = "ior.input.maxRatio";
  /** The system property holding the row cap. */
  public static final String ROWS_PROPERTY = "ior.input.maxRows";

  /**
   * Checks the components.
   *
   * @param maxRatio decompressed bytes per compressed byte, checked once 16 MiB came out
   * @param maxRows rows one file may hold
   */
  public InputLimits {
    if (maxRatio < 1 || maxRows < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }

  /** {@return the limits of this JVM: the defaults unless the system properties say otherwise} */
  public static InputLimits current() {
    return new InputLimits(Long.getLong(RATIO_PROPERTY, DEFAULT_RATIO),
        Long.getLong(ROWS_PROPERTY, DEFAULT_ROWS));
  }

  /**
   * Checks a cap given as {@code flag}.
   *
   * @param flag the option's name, e.g. {@code -max-input-rows}
   * @param value the cap, >= 1
   * @throws IllegalArgumentException naming the flag when {@code value} is below 1
   */
  public static void check(String flag, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
    }
  }

  /** {@return the refusal of a stream that expands more than allowed} */
  public String ratioRefusal() {
    return "decompresses to more than " + maxRatio + " times its size (a decompression bomb?);"
        + " -max-input-ratio N raises the limit";
  }

  /**
   * {@return the refusal of {@code rows} rows, announced or found}
   *
   * @param rows how many rows the input has or announces
   * @param how the subject and verb before the count, e.g. {@code its header announces}
   */
  public String rowsRefusal(long rows, String how) {
    return String.format(Locale.ROOT, "%s %,d rows, more than the %,d ior reads into memory"
        + " (-max-input-rows N raises the limit)", how, rows, maxRows);
  }
}
