// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the cgroup2 mount and resolving ids, against a fake mount root in a temp dir (a
 * cgroup's id is its directory's inode number, as on cgroup2).
 */
class CgroupResolverTest {
  static final String DOCKER = "/system.slice/docker-"
      + "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8.scope";

  @TempDir Path root;

  @Test
  void findsTheCgroup2MountInHybridAndUnifiedLayouts() {
    List<String> hybrid = List.of(
        "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    assertEquals(new CgroupMount(Path.of("/sys/fs/cgroup/unified"), "/"),
        CgroupMount.find(hybrid).orElseThrow());
    List<String> unified = List.of(
        "25 30 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
        "28 25 0:25 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2"
            + " rw,nsdelegate,memory_recursiveprot");
    assertEquals(new CgroupMount(Path.of("/sys/fs/cgroup"), "/"),
        CgroupMount.find(unified).orElseThrow());
    // A bind-mounted subtree comes second to the whole tree; escapes are undone.
    List<String> both = List.of(
        "90 1 0:25 /system.slice /mnt/my\\040cg rw - cgroup2 cgroup2 rw",
        "28 25 0:25 / /sys/fs/cgroup rw shared:4 - cgroup2 cgroup2 rw");
    assertEquals(Path.of("/sys/fs/cgroup"), CgroupMount.find(both).orElseThrow().dir());
    assertEquals(new CgroupMount(Path.of("/mnt/my cg"), "/system.slice"),
        CgroupMount.find(both.subList(0, 1)).orElseThrow());
    assertTrue(CgroupMount.find(hybrid.subList(0, 2)).isEmpty());
  }

  @Test
  void findsTheMountOfThisMachine() throws Exception {
    CgroupMount m = CgroupMount.fromProc().orElseThrow(); // Linux with cgroup v2 (CI: hybrid)
    assertTrue(Files.exists(m.dir().resolve("cgroup.procs")), m.toString());
    assertEquals(1, CgroupMount.inode(m.dir()), "the root cgroup's id is 1");
  }

  @Test
  void namesAreResolvedAsProcShowsThem() throws Exception {
    Path svc = Files.createDirectories(root.resolve("system.slice/nginx.service"));
    CgroupMount m = new CgroupMount(root, "/");
    long id = CgroupMount.inode(svc);
    assertEquals(id, m.idOf("/system.slice/nginx.service"));
    assertEquals(id, m.idOf("system.slice/nginx.service"));
    assertEquals(id, m.idOf(svc.toString()));
    assertEquals("/system.slice/nginx.service", m.pathOf(svc));
    assertEquals("/", m.pathOf(root));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> m.idOf("/nope"));
    assertTrue(e.getMessage().contains("no such cgroup under " + root), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> m.idOf("/system.slice/../../.."));
    Files.createFile(root.resolve("system.slice/cgroup.procs"));
    assertThrows(NoSuchFileException.class, () -> m.idOf("/system.slice/cgroup.procs"));
    CgroupMount sub = new CgroupMount(root, "/kubepods");
    assertEquals("/kubepods/system.slice/nginx.service", sub.pathOf(svc));
    assertEquals(id, sub.idOf("/kubepods/system.slice/nginx.service"));
  }

  @Test
  void scanFindsEveryDirectoryButNoFile() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Files.createFile(root.resolve("a/cgroup.procs"));
    Map<Long, String> all = new CgroupMount(root, "/").scan();
    assertEquals(Map.of(CgroupMount.inode(root), "/", CgroupMount.inode(root.resolve("a")), "/a",
        CgroupMount.inode(root.resolve("a/b")), "/a/b"), all);
  }

  @Test
  void existingCgroupsAreKnownAtOnceNewOnesAfterABackgroundRescan() throws Exception {
    Path docker = Files.createDirectories(root.resolve(DOCKER.substring(1)));
    try (CgroupResolver r = CgroupResolver.start(new CgroupMount(root, "/"),
        Duration.ofMillis(20))) {
      CgroupInfo c = r.lookup(CgroupMount.inode(docker));
      assertNotNull(c, "scanned at start");
      assertEquals(DOCKER, c.path());
      assertEquals("docker:3f2a1b4c5d6e", c.label());
      assertEquals("/system.slice", r.lookup(CgroupMount.inode(docker.getParent())).label(),
          "no container: the label falls back to the path");
      assertEquals(1, r.scans());

      Path later = Files.createDirectories(root.resolve("system.slice/late.service"));
      long id = CgroupMount.inode(later);
      assertNull(r.lookup(id), "unknown yet: the consumer never waits");
      CgroupInfo resolved = r.resolve(id, Duration.ofSeconds(10));
      assertEquals("late.service", resolved.label());
      assertEquals(2, r.scans());
      Files.delete(later);
      assertEquals(resolved, r.lookup(id), "kept after the cgroup is removed");
    }
  }

  @Test
  void anIdThatIsNowhereIsMarkedGoneAfterOneRescan() throws Exception {
    try (CgroupResolver r = CgroupResolver.start(new CgroupMount(root, "/"),
        Duration.ofMillis(20))) {
      long nowhere = 987_654_321L;
      assertNull(r.lookup(nowhere));
      CgroupInfo gone = r.resolve(nowhere, Duration.ofSeconds(10));
      assertEquals(CgroupInfo.gone(nowhere), gone);
      assertEquals("#987654321", gone.label());
      long scans = r.scans();
      for (int i = 0; i < 100; i++) {
        assertEquals(gone, r.lookup(nowhere));
      }
      Thread.sleep(100);
      assertEquals(scans, r.scans(), "asked once, not per pair");
      assertNull(r.lookup(0), "0 is no cgroup");
    }
  }
}
