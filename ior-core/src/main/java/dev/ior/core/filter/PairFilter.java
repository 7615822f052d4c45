// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.filter;

import dev.ior.core.event.SyscallPair;

/**
 * User-space filters, applied after pairing where the kernel cannot decide (the path of an
 * fd-based call is only known from the fd table). Substring matches, as ior's -comm and -path.
 * The kernel applies pid, tid and comm too; applying them here again keeps replayed streams
 * honest.
 *
 * <pre>{@code
 * PairFilter f = new PairFilter("postgres", "/var/lib/postgresql", 0, 0);
 * boolean keep = f.matches(pair);
 * }</pre>
 *
 * @param comm substring the comm must contain, or null for any
 * @param path substring the file (or second file) must contain, or null for any
 * @param pid process id, or 0 for any
 * @param tid thread id, or 0 for any
 */
public record PairFilter(String comm, String path, int pid, int tid) {
  /** Lets everything through. */
  public static final PairFilter NONE = new PairFilter(null, null, 0, 0);

  /**
   * An empty comm or path is no filter (null).
   *
   * @param comm substring the comm must contain, or null for any
   * @param path substring the file (or second file) must contain, or null for any
   * @param pid process id, or 0 for any
   * @param tid thread id, or 0 for any
   */
  public PairFilter {
    comm = comm == null || comm.isEmpty() ? null : comm;
    path = path == null || path.isEmpty() ? null : path;
  }

  /**
   * {@return whether the pair passes}
   *
   * @param p the pair
   */
  public boolean matches(SyscallPair p) {
    if (pid != 0 && p.pid() != pid || tid != 0 && p.tid() != tid) {
      return false;
    }
    if (comm != null && !p.comm().contains(comm)) {
      return false;
    }
    if (path != null) {
      String f = p.file();
      String f2 = p.file2();
      return f != null && f.contains(path) || f2 != null && f2.contains(path);
    }
    return true;
  }
}
