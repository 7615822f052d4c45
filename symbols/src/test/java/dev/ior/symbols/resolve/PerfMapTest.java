// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfMapTest {
  @Test
  void readsJdk17AndBareHexLinesAndSkipsJunk() {
    PerfMap m = PerfMap.parse(List.of(
        "0x00007f6dfcec7600 0x0000000000000358 void IoWork.appendLog()",
        "7f6dfcec8000 100 int IoWork.readIndex(long)",
        "garbage",
        "0x00007f6dfc940b80 0x0000000000017de0 Interpreter",
        "zz 10 x").iterator());
    assertEquals(3, m.size());
    assertEquals("void IoWork.appendLog()", m.nameAt(0x7f6dfcec7600L + 0x357));
    assertNull(m.nameAt(0x7f6dfcec7600L + 0x358));
    assertEquals("int IoWork.readIndex(long)", m.nameAt(0x7f6dfcec8010L));
    assertEquals("IoWork.appendLog", JavaFrames.name(m.nameAt(0x7f6dfcec7600L)));
    assertEquals("[interpreted]", JavaFrames.name(m.nameAt(0x7f6dfc940b80L)));
  }

  @Test
  void laterLinesWinForTheSameStart() {
    PerfMap m = PerfMap.parse(List.of("0x1000 0x10 void A.old()", "0x1000 0x10 void B.new()")
        .iterator());
    assertEquals("B.new", JavaFrames.name(m.nameAt(0x1008)));
  }
}
