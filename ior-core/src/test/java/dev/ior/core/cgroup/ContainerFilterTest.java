// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** -container keeps the pairs of matching containers and counts what it could not decide. */
class ContainerFilterTest {
  static final String ID = ContainerParserTest.ID;

  private static PairRecord pair(long cgroupId) {
    return new PairRecord(SyscallTable.standard().byName("write"), 1, 1, "app", 0, 10, 0, 1, 3,
        "/f", null, 0, 1, "app", cgroupId, 0);
  }

  @Test
  void passesOnlyMatchingContainers() {
    Map<Long, CgroupInfo> known = Map.of(
        10L, CgroupInfo.of(10, "/system.slice/docker-" + ID + ".scope"),
        11L, CgroupInfo.of(11, "/system.slice/nginx.service"),
        12L, CgroupInfo.of(12, "/"));
    List<Long> seen = new ArrayList<>();
    ContainerFilter f = new ContainerFilter(" 3f2a1b ", known::get,
        (SyscallPair p) -> seen.add(p.cgroupId()));
    for (long id : new long[] {10, 11, 12, 10, 99, 0}) {
      f.accept(pair(id));
    }
    assertEquals(List.of(10L, 10L), seen);
    assertEquals(2, f.passed());
    assertEquals(2, f.unresolved(), "ids 99 (unknown yet) and 0 (no cgroup) cannot be decided");
    assertThrows(IllegalArgumentException.class,
        () -> new ContainerFilter(" ", CgroupLookup.NONE, p -> {}));
  }
}
