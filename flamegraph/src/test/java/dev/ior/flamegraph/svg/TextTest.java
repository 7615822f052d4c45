// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextTest {
  /** What percent must print: the exact double rounded to two decimals, ties to even (%.2f). */
  private static String exact(long part, long whole) {
    double pct = whole == 0 ? 0 : 100.0 * part / whole;
    return new BigDecimal(pct).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  private static String percent(long part, long whole) {
    return Text.percent(new StringBuilder(), part, whole).toString();
  }

  @Test
  void percentRoundsAsPrintfDoesOnTiesAndEverywhereElse() {
    assertEquals("100.00%", percent(7, 7));
    assertEquals("0.00%", percent(0, 9));
    assertEquals("0.00%", percent(5, 0));
    assertEquals("12.50%", percent(1, 8));
    assertEquals("0.01%", percent(1, 10_000));
    assertEquals("0.12%", percent(1, 800)); // 0.125 exactly, a tie: to even
    assertEquals("0.38%", percent(3, 800)); // 0.375 exactly, a tie: to even
    assertEquals("0.01%", percent(1, 20_000)); // the double nearest 0.005 is a little above it
    assertEquals("-0.01%", percent(-1, 10_000));
    assertEquals(exact(1, 3), percent(1, 3));
    SplittableRandom r = new SplittableRandom(22);
    for (int i = 0; i < 200_000; i++) {
      long whole = 1 + r.nextLong(i % 2 == 0 ? 1000 : 1L << 40);
      long part = r.nextLong(whole + 1);
      assertEquals(exact(part, whole), percent(part, whole), part + "/" + whole);
    }
    for (long whole : new long[] {8, 16, 40, 80, 200, 400, 800, 1600, 3200, 20_000, 80_000}) {
      for (long part = 0; part <= whole; part++) {
        assertEquals(exact(part, whole), percent(part, whole), part + "/" + whole);
      }
    }
  }
}
