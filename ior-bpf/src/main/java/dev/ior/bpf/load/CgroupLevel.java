// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import dev.ior.bpf.TraceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The depth below the cgroup v2 root of the cgroup with a given id (the inode number of its
 * directory): the ancestor level {@code bpf_get_current_ancestor_cgroup_id} compares against.
 */
final class CgroupLevel {
  private CgroupLevel() {}

  static int of(long cgroupId) throws TraceException {
    Path root = mountPoint();
    try (Stream<Path> dirs = Files.walk(root)) {
      return dirs.filter(Files::isDirectory).filter(d -> inode(d) == cgroupId)
          .map(d -> root.relativize(d).getNameCount() - (d.equals(root) ? 1 : 0))
          .findFirst().map(n -> Math.max(0, n))
          .orElseThrow(() -> new TraceException("no cgroup v2 with id " + cgroupId + " under "
              + root));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new TraceException("cannot read the cgroup v2 tree under " + root + ": "
          + e.getMessage(), e);
    }
  }

  private static long inode(Path p) {
    try {
      Object ino = Files.readAttributes(p, "unix:ino").get("ino");
      return ((Number) ino).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Where cgroup2 is mounted: /sys/fs/cgroup (unified) or /sys/fs/cgroup/unified (hybrid). */
  static Path mountPoint() throws TraceException {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (dash > 0 && dash + 1 < f.length && f[dash + 1].equals("cgroup2")) {
          return Paths.get(f[4]);
        }
      }
    } catch (IOException e) {
      throw new TraceException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
    throw new TraceException("no cgroup v2 mounted (-cgroup needs cgroup2)");
  }
}
