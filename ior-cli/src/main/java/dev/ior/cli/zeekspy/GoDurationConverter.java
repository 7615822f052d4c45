// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as zeek-spy (Go's {@code time.ParseDuration}) wrote them: {@code 5s}, {@code 250ms},
 * {@code 1m30s}, {@code 1.5h}; a plain number is seconds; {@code 0} means off / unlimited.
 */
public final class GoDurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String v = value.strip();
    if (v.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    Matcher m = PART.matcher(v);
    double nanos = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      at = m.end();
    }
    if (at == 0 || at != v.length()) {
      throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 5s, 250ms,"
          + " 1m30s or a number of seconds");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "ns": return 1;
      case "us":
      case "µs": return 1e3;
      case "ms": return 1e6;
      case "s": return 1e9;
      case "m": return 60e9;
      default: return 3600e9;
    }
  }
}
