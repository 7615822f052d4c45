// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackPolicyTest {
  @Test
  void parsesEveryFormAndDescribesItBack() {
    assertEquals(StackPolicy.OFF, StackPolicy.parse("off"));
    assertFalse(StackPolicy.OFF.enabled());
    assertEquals(StackPolicy.ALL, StackPolicy.parse("all"));
    assertEquals(new StackPolicy(10, 0), StackPolicy.parse("sample:10"));
    assertEquals(new StackPolicy(0, 250_000), StackPolicy.parse("slow:250us"));
    assertEquals(new StackPolicy(8, 1_000_000), StackPolicy.parse("sample:8,slow:1ms"));
    for (String s : List.of("off", "all", "sample:10", "slow:250us", "sample:8,slow:1ms",
        "slow:2s")) {
      assertEquals(s, StackPolicy.parse(s).describe());
    }
    assertTrue(StackPolicy.DEFAULT.enabled());
  }

  @Test
  void refusesWhatItCannotMean() {
    for (String bad : List.of("some", "sample:0", "sample:x", "slow:5", "slow:0ms", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> StackPolicy.parse(bad), bad);
      assertTrue(e.getMessage().contains("sample:N"), e.getMessage());
    }
  }
}
