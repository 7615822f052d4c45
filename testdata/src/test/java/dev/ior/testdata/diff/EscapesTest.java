// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The same bytes as strace and ior print them (taken from both tracers' output) compare equal. */
class EscapesTest {
  @Test
  void bothTracersEscapesStandForTheSameBytes() {
    String[][] pairs = {
        {"/t/nl\\nx", "/t/nl\\x0ax"},
        {"/t/bs\\\\x", "/t/bs\\\\x"},
        {"/t/gt\\76x\\74y", "/t/gt>x<y"},
        {"/t/\\377\\376", "/t/\\xff\\xfe"},
        {"/t/q\\\"x", "/t/q\"x"},
        {"/t/t\\tx", "/t/t\\x09x"},
        {"/t/uni\\303\\251", "/t/uni\u00e9"},
    };
    for (String[] p : pairs) {
      assertEquals(Escapes.STRACE.canonical(p[0]), Escapes.IOR.canonical(p[1]), p[0]);
    }
    assertEquals("/t/nl\\x0ax", Escapes.STRACE.canonical("/t/nl\\nx"));
  }
}
