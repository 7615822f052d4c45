// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static dev.ior.core.live.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.event.PairRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link SortKey} orders, {@link DirectoryGrouping} and the grouping by container. */
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

  @Test
  void groupsProcessesByContainer() {
    String id = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8";
    Map<Long, CgroupInfo> known = Map.of(
        5L, CgroupInfo.of(5, "/system.slice/docker-" + id + ".scope"),
        6L, CgroupInfo.of(6, "/user.slice/user-1000.slice/session-2.scope"));
    LiveStats live = new LiveStats(() -> 0, 10, known::get);
    live.accept(inCgroup(pair("web", 20, "read", "/srv/a", 1_000, 10), 5));
    live.accept(inCgroup(pair("worker", 21, "write", "/srv/b", 3_000, 20), 5));
    live.accept(inCgroup(pair("bash", 30, "read", "/home/u/x", 500, 1), 6));
    live.accept(inCgroup(pair("new", 40, "read", "/tmp/n", 500, 1), 77));
    List<GroupStats> containers = live.snapshot().containers();
    assertEquals(List.of("#77", "docker:3f2a1b4c5d6e", "user-1000/session-2.scope"),
        keys(containers));
    GroupStats docker = containers.get(1);
    assertEquals("2 processes", docker.detail());
    assertEquals(2, docker.count());
    assertEquals(4_000, docker.totalNs());
    assertEquals("1 process", containers.get(2).detail());
  }

  private static PairRecord inCgroup(PairRecord p, long cgroupId) {
    return new PairRecord(p.syscall(), p.pid(), p.tid(), p.comm(), p.enterNs(), p.exitNs(),
        p.gapNs(), p.ret(), p.fd(), p.file(), p.file2(), p.flags(), p.bytes(), p.thread(),
        cgroupId, p.marks());
  }

  private static List<String> keys(List<GroupStats> rows) {
    return rows.stream().map(GroupStats::key).collect(Collectors.toList());
  }
}
