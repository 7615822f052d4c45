// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.filter.PairFilter;
import dev.ior.core.trace.spi.ProcFs;
import org.junit.jupiter.api.Test;

/** User-space filters: substring comm and path (also for fd-based calls), pid, tid. */
class FilterTest {

  @Test
  void pathFilterAppliesToFdCallsThroughTheTable() {
    Scenario s = new Scenario(new PairFilter(null, "/var/lib", 0, 0), ProcFs.EMPTY)
        .open(10, "/var/lib/db", 0, 3).open(10, "/etc/x", 0, 4)
        .call(10, "read", 3, 1).call(10, "read", 4, 1);
    assertEquals(2, s.pairs.size());
    assertEquals("/var/lib/db", s.pairs.get(1).file());
    assertEquals(4, s.pipeline.stats().calls().paired());
    assertEquals(2, s.pipeline.stats().calls().emitted());
  }

  @Test
  void filteredPairsStillUpdateTheFdTable() {
    Scenario s = new Scenario(new PairFilter(null, "nothing-matches", 0, 0), ProcFs.EMPTY);
    s.open(10, "/a", 0, 3);
    assertEquals(0, s.pairs.size());
  }

  @Test
  void commSubstringPidAndTid() {
    Scenario s = new Scenario(new PairFilter("gres", null, 0, 0), ProcFs.EMPTY);
    s.comm = "postgres";
    s.call(10, "read", 1, 1);
    s.comm = "bash";
    s.call(10, "read", 1, 1);
    assertEquals(1, s.pairs.size());
    assertEquals("postgres", s.last().comm());

    Scenario t = new Scenario(new PairFilter(null, null, 10, 12), ProcFs.EMPTY)
        .call(10, 11, "read", 1, 0, 0, 1).call(10, 12, "read", 1, 0, 0, 1)
        .call(11, 12, "read", 1, 0, 0, 1);
    assertEquals(1, t.pairs.size());
    assertEquals(12, t.last().tid());
    assertEquals(10, t.last().pid());
  }

  @Test
  void renameMatchesEitherName() {
    Scenario s = new Scenario(new PairFilter(null, "final", 0, 0), ProcFs.EMPTY)
        .enterName(10, 10, "rename", -100, "/tmp/x.tmp", -100, "/data/final").exit(10, 10, "rename", 0);
    assertEquals(1, s.pairs.size());
  }
}
