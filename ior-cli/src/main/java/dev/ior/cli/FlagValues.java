// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.flamegraph.text.NameEscaper;
import dev.ior.flamegraph.text.Spelling;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Locale;

/**
 * The one place that turns flag values into one-line errors: a value is shown escaped as names
 * are on a terminal ({@link NameEscaper#TERMINAL}: an ESC or CSI sequence in a flag value is
 * shown as {@code \x1b[...}, never run by the terminal), empty values are refused by name, and
 * numbers out of range say their range instead of Java's "For input string". Misspelled flags
 * and names get the closest known one ("did you mean").
 */
public final class FlagValues {
  private FlagValues() {}

  /** {@code value} as a message shows it: escaped, and {@code ''} when empty. */
  public static String shown(String value) {
    return value == null || value.isEmpty() ? "''" : NameEscaper.TERMINAL.escape(value);
  }

  /** A whole message made safe for a terminal (its control characters escaped). */
  public static String safe(String message) {
    StringBuilder b = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0
          || Character.isSurrogate(c) && !validPair(message, i)) {
        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c & 0xff));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * {@code value}, refused when empty or blank.
   *
   * @param expects what the flag takes, e.g. "a cgroup path or id"
   * @throws IllegalArgumentException "FLAG needs EXPECTS, got an empty value"
   */
  public static String nonEmpty(String flag, String value, String expects) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(flag + " needs " + expects + ", got an empty value");
    }
    return value;
  }

  /**
   * A decimal unsigned 64-bit number (a cgroup id, an inode), as its long bit pattern.
   *
   * @throws IllegalArgumentException naming the flag, the value and the range
   */
  public static long unsigned64(String flag, String value) {
    BigInteger n = value.matches("\\d{1,40}") ? new BigInteger(value) : null;
    if (n == null || n.bitLength() > 64) {
      throw new IllegalArgumentException(flag + " " + shown(value) + ": not a number from 0 to"
          + " 18446744073709551615");
    }
    return n.longValue();
  }

  /** The candidate closest to {@code typed} ({@link Spelling#closest}), or null. */
  public static String closest(String typed, Collection<String> candidates) {
    return Spelling.closest(typed, candidates);
  }
}
