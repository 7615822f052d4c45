// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static dev.ior.core.live.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link SortKey} orders and {@link DirectoryGrouping}. */
class SortingAndGroupingTest {
  private static LiveSnapshot snapshot() {
    LiveStats live = new LiveStats(() -> 0, 10);
    live.accept(pair("a", 9, "read", "/var/x/1", 5_000, 10));
    live.accept(pair("a", 9, "read", "/var/x/2", 1_000, 900));
    live.accept(pair("b", 10, "write", "/var/y/3", 2_000, 7));
    live.accept(pair("b", 10, "write", "/var/y/3", 2_000, 7));
    live.accept(pair("b", 10, "openat", "/top", 100, -13));
    return live.snapshot();
  }

  @Test
  void sortKeysOrderLargestFirstAndNamesAscending() {
    List<GroupStats> files = snapshot().files();
    assertEquals(List.of("/var/y/3", "/top", "/var/x/1", "/var/x/2"),
        keys(SortKey.COUNT.sort(files)), "ties in count fall back to the name");
    assertEquals(List.of("/var/x/1", "/var/y/3", "/var/x/2", "/top"),
        keys(SortKey.TOTAL_TIME.sort(files)));
    assertEquals(List.of("/var/x/2", "/var/x/1", "/top", "/var/y/3"),
        keys(SortKey.READ.sort(files)));
    assertEquals("/top", SortKey.ERRORS.sort(files).get(0).key());
    assertEquals(List.of("/top", "/var/x/1", "/var/x/2", "/var/y/3"),
        keys(SortKey.NAME.sort(files)));
    assertEquals(List.of("9", "10"), keys(SortKey.NAME.sort(snapshot().processes())),
        "pids sort as numbers");
    assertEquals(SortKey.NAME, SortKey.ERRORS.next());
  }

  @Test
  void groupsFilesByDirectory() {
    List<GroupStats> dirs = DirectoryGrouping.byDirectory(snapshot().files());
    assertEquals(List.of("/", "/var/x", "/var/y"), keys(dirs));
    GroupStats x = dirs.get(1);
    assertEquals("2 files", x.detail());
    assertEquals(2, x.count());
    assertEquals(6_000, x.totalNs());
    assertEquals(5_000, x.maxNs());
    assertEquals(910, x.bytesRead());
    assertEquals(2, x.latency().total());
    assertEquals("1 file", dirs.get(2).detail());
    assertEquals("pipe:[12]", DirectoryGrouping.directoryOf("pipe:[12]"));
  }

  private static List<String> keys(List<GroupStats> rows) {
    return rows.stream().map(GroupStats::key).collect(Collectors.toList());
  }
}
