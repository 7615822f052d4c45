// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

/**
 * Cgroup id to {@link CgroupInfo}, safe to call on the consumer thread: it never blocks and
 * allocates nothing. {@link CgroupResolver} is the live implementation.
 *
 * <pre>{@code
 * CgroupInfo c = lookup.lookup(pair.cgroupId());
 * String column = c == null ? "" : c.label();
 * }</pre>
 */
@FunctionalInterface
public interface CgroupLookup {
  /** Knows nothing: every lookup answers null. */
  CgroupLookup NONE = id -> null;

  /**
   * {@return what is known about cgroup {@code id}; null when nothing is known yet (a cgroup
   * created after the last scan: the resolver looks for it in the background) or at all (id 0)}
   *
   * @param id a cgroup v2 id as the kernel reports it (the inode number of its directory)
   */
  CgroupInfo lookup(long id);

  /**
   * Like {@link #lookup} but may wait up to {@code timeout} for an unknown id; for threads other
   * than the consumer, and for the end of a trace. This default does not wait.
   *
   * @param id a cgroup v2 id
   * @param timeout the longest wait
   * @return the info, or null when it is still unknown
   * @throws InterruptedException when interrupted while waiting
   */
  default CgroupInfo resolve(long id, java.time.Duration timeout) throws InterruptedException {
    return lookup(id);
  }
}
