// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import dev.ior.bpf.TraceException;
import dev.ior.core.cgroup.CgroupMount;
import java.io.IOException;

/**
 * The depth below the cgroup v2 root of the cgroup with a given id: the ancestor level {@code
 * bpf_get_current_ancestor_cgroup_id} compares against (the root is level 0).
 */
final class CgroupLevel {
  private CgroupLevel() {}

  static int of(long cgroupId) throws TraceException {
    CgroupMount mount;
    try {
      mount = CgroupMount.fromProc().orElseThrow(
          () -> new TraceException("no cgroup v2 mounted (-cgroup needs cgroup2)"));
    } catch (IOException e) {
      throw new TraceException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
    String path = mount.scan().get(cgroupId);
    if (path == null) {
      throw new TraceException("no cgroup v2 with id " + cgroupId + " under " + mount.dir());
    }
    int level = 0;
    for (String part : path.split("/")) {
      level += part.isEmpty() ? 0 : 1;
    }
    return level;
  }
}
