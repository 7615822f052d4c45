// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pairs of a cgroup not resolved yet reach the sinks with its path, in order, once it is known;
 * held pairs are bounded in time and number, and the end releases them.
 */
class PendingCgroupsTest {
  private long now;
  /** The resolver's snapshot, as the test makes it. */
  private final Map<Long, CgroupInfo> known = new HashMap<>(Map.of(7L, CgroupInfo.of(7, "/old")));
  private final CgroupLookup lookup = known::get;

  private static PairRecord pair(int pid, long cgroupId) {
    return new PairRecord(SyscallTable.standard().byName("write"), pid, pid, "app", 0, 10, 0, 1,
        3, "/f", null, 0, 1, "app", cgroupId, 0);
  }

  /** What the sinks behind see: pid and cgroup path (or "?" when unknown to them). */
  private final class Seen implements PairSink {
    final List<String> rows = new ArrayList<>();
    int finished;

    @Override
    public void accept(SyscallPair p) {
      CgroupInfo c = lookup.lookup(p.cgroupId());
      rows.add(p.pid() + (c == null ? " ?" : " " + c.pathOrId()));
    }

    @Override
    public void finish() {
      finished++;
    }
  }

  @Test
  void pairsOfANewCgroupWaitForItsPathAndKeepTheirOrder() {
    Seen seen = new Seen();
    PendingCgroups p = new PendingCgroups(lookup, seen, Duration.ofSeconds(30), 1000, () -> now);
    p.accept(pair(1, 7)); // known: straight through
    p.accept(pair(2, 8)); // unknown yet: held
    p.accept(pair(3, 7)); // behind a held pair: held too, order kept
    p.accept(pair(4, 0)); // no cgroup at all
    p.flush();
    assertEquals(List.of("1 /old"), seen.rows);
    known.put(8L, CgroupInfo.of(8, "/docker-x.scope")); // the background rescan found it
    p.accept(pair(5, 7));
    assertEquals(List.of("1 /old", "2 /docker-x.scope", "3 /old", "4 ?", "5 /old"), seen.rows);
    assertEquals(4, p.delayed());
    p.accept(pair(6, 8));
    assertEquals("6 /docker-x.scope", seen.rows.get(5), "known now: straight through");
    assertEquals(4, p.delayed());
  }

  @Test
  void heldPairsAreReleasedAfterTheHoldTimeOrAtTheLimitOrAtTheEnd() {
    Seen seen = new Seen();
    PendingCgroups p = new PendingCgroups(lookup, seen, Duration.ofMillis(500), 4, () -> now);
    p.accept(pair(1, 222));
    p.accept(pair(2, 222));
    now += 499_000_000L;
    p.flush();
    assertEquals(List.of(), seen.rows);
    now += 1_000_000L;
    p.flush();
    assertEquals(List.of(), seen.rows, "a quiet moment (a flush, no pair) gives up on nothing");
    p.accept(pair(3, 222));
    assertEquals(List.of("1 ?", "2 ?", "3 ?"), seen.rows, "held no longer than 500 ms");
    p.accept(pair(4, 333));
    p.accept(pair(5, 333));
    p.accept(pair(6, 333));
    assertEquals(3, seen.rows.size());
    p.accept(pair(7, 333));
    assertEquals(7, seen.rows.size(), "at most 4 held");
    p.accept(pair(8, 444));
    p.finish();
    assertEquals(List.of("1 ?", "2 ?", "3 ?", "4 ?", "5 ?", "6 ?", "7 ?", "8 ?"), seen.rows,
        "the end releases everything");
    assertEquals(1, seen.finished);
  }

}
