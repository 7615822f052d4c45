// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unknown is a state of a loss kind, never a -1 in a sum. */
class LossesTest {
  @Test
  void unknownKindsAddNothingAndSaySo() {
    Losses l = Losses.builder().add(LossKind.RING_FULL, 3).unknown(LossKind.KERNEL_SKIPPED)
        .build();
    assertEquals(3, l.total());
    assertFalse(l.known(LossKind.KERNEL_SKIPPED));
    assertEquals(0, l.count(LossKind.KERNEL_SKIPPED));
    assertTrue(l.get(LossKind.KERNEL_SKIPPED).isEmpty());
    assertEquals(Set.of(LossKind.KERNEL_SKIPPED), l.unknownKinds());
    assertTrue(l.toString().contains("skipped by the kernel unknown"), l.toString());
    assertTrue(l.toString().startsWith("ring full 3, unread at stop 0"), l.toString());
  }

  @Test
  void negativeCountsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.builder().add(LossKind.KERNEL_SKIPPED, -1));
    assertTrue(e.getMessage().contains("kernel_skipped"), e.getMessage());
  }

  @Test
  void plusKeepsUnknownFromEitherSide() {
    Losses a = Losses.builder().add(LossKind.MALFORMED, 1).add(LossKind.KERNEL_SKIPPED, 5).build();
    Losses b = Losses.builder().add(LossKind.MALFORMED, 2).unknown(LossKind.KERNEL_SKIPPED).build();
    Losses sum = a.plus(b);
    assertEquals(3, sum.count(LossKind.MALFORMED));
    assertFalse(sum.known(LossKind.KERNEL_SKIPPED));
    assertEquals(3, sum.total());
  }

  @Test
  void labelsAreUniqueAndFindTheirKind() {
    for (LossKind k : LossKind.values()) {
      assertEquals(k, LossKind.byLabel(k.label()));
      assertFalse(k.meaning().isEmpty());
    }
  }
}
