// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.util.Locale;

/** Short human-readable numbers for narrow columns: durations, bytes, counts, rates. */
final class Units {
  private Units() {}

  /** A duration in ns as "850ns", "12.3us", "4.56ms", "1.20s". */
  static String ns(long ns) {
    if (ns < 1_000) {
      return ns + "ns";
    }
    if (ns < 1_000_000) {
      return fmt(ns / 1e3) + "us";
    }
    if (ns < 1_000_000_000) {
      return fmt(ns / 1e6) + "ms";
    }
    return fmt(ns / 1e9) + "s";
  }

  /** Bytes as "512B", "1.5K", "20.0M", "3.00G" (powers of 1024). */
  static String bytes(double b) {
    if (b < 1024) {
      return Math.round(b) + "B";
    }
    String[] units = {"K", "M", "G", "T"};
    double v = b / 1024;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return fmt(v) + units[u];
  }

  /** A count as "999", "12.3k", "4.56M". */
  static String count(double n) {
    if (n < 1_000) {
      return n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.1f", n);
    }
    if (n < 1_000_000) {
      return fmt(n / 1e3) + "k";
    }
    return fmt(n / 1e6) + "M";
  }

  /** Three significant digits at most. */
  private static String fmt(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
  }

  /** {@code s} cut or padded with blanks to exactly {@code w} columns. */
  static String fit(String s, int w) {
    if (w <= 0) {
      return "";
    }
    if (s.length() > w) {
      return w == 1 ? "…" : s.substring(0, w - 1) + "…";
    }
    return s + " ".repeat(w - s.length());
  }

  /** {@code s} right-aligned in {@code w} columns (cut from the left when too long). */
  static String right(String s, int w) {
    return s.length() >= w ? s.substring(s.length() - w) : " ".repeat(w - s.length()) + s;
  }

  /** {@code s} cut to {@code w} columns keeping its end ("…/dir/file"): paths end in the name. */
  static String tail(String s, int w) {
    if (s.length() <= w) {
      return s + " ".repeat(Math.max(0, w - s.length()));
    }
    return w <= 1 ? "…" : "…" + s.substring(s.length() - w + 1);
  }
}
