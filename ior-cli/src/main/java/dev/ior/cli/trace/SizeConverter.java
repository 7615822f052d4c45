// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses byte sizes such as {@code 16777216}, {@code 64K}, {@code 16M}, {@code 1G}. */
public final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    long mult = 1;
    if (v.endsWith("IB")) {
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("B") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
      v = v.substring(0, v.length() - 1);
    }
    if (v.endsWith("K")) {
      mult = 1L << 10;
    } else if (v.endsWith("M")) {
      mult = 1L << 20;
    } else if (v.endsWith("G")) {
      mult = 1L << 30;
    }
    if (mult > 1) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Math.multiplyExact(Long.parseLong(v), mult);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is too large for a size");
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value
          + "' is not a size: use bytes or a K/M/G suffix, e.g. 16M");
    }
  }
}
