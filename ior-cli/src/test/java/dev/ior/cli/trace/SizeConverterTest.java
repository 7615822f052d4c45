// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
  private final SizeConverter c = new SizeConverter();

  @Test
  void suffixes() {
    assertEquals(16777216L, c.convert("16777216"));
    assertEquals(64L << 10, c.convert("64K"));
    assertEquals(16L << 20, c.convert("16M"));
    assertEquals(16L << 20, c.convert("16MiB"));
    assertEquals(1L << 30, c.convert("1g"));
    assertThrows(TypeConversionException.class, () -> c.convert("0"));
    assertThrows(TypeConversionException.class, () -> c.convert("M"));
  }
}
