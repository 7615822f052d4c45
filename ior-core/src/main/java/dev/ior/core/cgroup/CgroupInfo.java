// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

/**
 * A resolved cgroup v2: its id, its path and what the path says about the workload. Immutable;
 * the label is computed once, so outputs that cache by string identity see the same string.
 *
 * <pre>{@code
 * CgroupInfo c = CgroupInfo.of(7312, "/system.slice/docker-3f2a...9a.scope");
 * c.label(); // "docker:3f2a1b4c5d6e"
 * }</pre>
 *
 * @param id the cgroup id (the inode number of its directory in the cgroup2 mount)
 * @param path the path as {@code /proc/PID/cgroup} shows it ({@code /} is the root cgroup), or
 *     null when the cgroup was gone before it could be looked up
 * @param container the container, pod, service or session the path names; null when none
 * @param label the container's {@link Container#label()}, else the path (the fallback for
 *     layouts without a container), else {@code #<id>}
 */
public record CgroupInfo(long id, String path, Container container, String label) {

  /**
   * {@return the info of the cgroup at {@code path}, its container parsed from the path}
   *
   * @param id the cgroup's id (the inode number of its directory)
   * @param path its path as {@code /proc/PID/cgroup} shows it
   */
  public static CgroupInfo of(long id, String path) {
    Container c = ContainerParser.parse(path);
    return new CgroupInfo(id, path, c, c != null ? c.label() : path);
  }

  /**
   * {@return a cgroup that no longer existed when it was looked up: only its id is known}
   *
   * @param id the cgroup's id
   */
  public static CgroupInfo gone(long id) {
    return new CgroupInfo(id, null, null, idLabel(id));
  }

  /**
   * {@return how outputs show a cgroup known only by its id: {@code #<id>}}
   *
   * @param id the cgroup's id, shown unsigned
   */
  public static String idLabel(long id) {
    return "#" + Long.toUnsignedString(id);
  }

  /** {@return the path, or {@code #<id>} when the cgroup was gone} */
  public String pathOrId() {
    return path != null ? path : label;
  }

  /**
   * {@return whether {@code query} names this cgroup's container ({@link Container#matches})}
   *
   * @param query a container name, id prefix, pod uid or unit, as {@link Container#matches} takes
   */
  public boolean matches(String query) {
    return container != null && container.matches(query);
  }
}
