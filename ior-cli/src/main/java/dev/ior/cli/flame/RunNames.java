// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Output base names: ior's {@code ior-<host>-<yyyymmdd-hhmmss>} for a trace, the input's name
 * without its extension for conversions.
 *
 * <pre>{@code
 * RunNames.traceName("earth", Instant.now(), ZoneId.systemDefault()); // ior-earth-20261126-070500
 * RunNames.stem(Path.of("x/run.ior"), ".ior");                        // "x/run"
 * }</pre>
 */
public final class RunNames {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private RunNames() {}

  /** {@code ior-<host>-<yyyymmdd-hhmmss>} in {@code zone}. */
  static String traceName(String host, Instant start, ZoneId zone) {
    return "ior-" + host + "-" + STAMP.format(start.atZone(zone));
  }

  /** {@code file} as a string without the first of {@code extensions} it ends with. */
  static String stem(Path file, String... extensions) {
    String s = file.toString();
    for (String e : extensions) {
      if (s.endsWith(e) && s.length() > e.length()) {
        return s.substring(0, s.length() - e.length());
      }
    }
    return s;
  }

  /** The kernel's host name (no DNS lookup, which can hang), "localhost" when unreadable. */
  public static String hostName() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      return h.isEmpty() ? "localhost" : h;
    } catch (IOException | RuntimeException e) {
      return "localhost";
    }
  }
}
