// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.fd;

import dev.ior.core.util.IntMap;

/**
 * Descriptor tables and working directories per process (tgid), with their life cycle: fork
 * copies the parent's table, exec drops close-on-exec descriptors, exit frees the table.
 * Descriptors unknown to the table (opened before tracing) are looked up once through
 * {@link ProcFs}. Not thread-safe: owned by the consumer thread.
 *
 * <pre>{@code
 * ProcessTable procs = new ProcessTable(ProcFs.EMPTY);
 * procs.fds(42).put(3, "/etc/hosts", 0, false);
 * procs.path(42, 3); // "/etc/hosts"
 * }</pre>
 */
public final class ProcessTable {
  /** The "current working directory" dirfd value of the *at calls. */
  public static final int AT_FDCWD = -100;

  private final ProcFs procfs;
  private final IntMap<Process> processes = new IntMap<>(64);
  /** New tasks announced by fork, by tid, until their first event or exit. */
  private final IntMap<Process> forkedFrom = new IntMap<>(64);
  private final PathJoiner joiner = new PathJoiner(1 << 14);

  private static final class Process {
    FdTable fds = new FdTable();
    String cwd;
    boolean cwdLooked;
  }

  /** A table that resolves unknown descriptors through {@code procfs}. */
  public ProcessTable(ProcFs procfs) {
    this.procfs = procfs;
  }

  private Process process(int pid) {
    Process p = processes.get(pid);
    if (p == null) {
      p = new Process();
      Process parent = forkedFrom.remove(pid);
      if (parent != null) {
        p.fds = parent.fds.copy();
        p.cwd = parent.cwd;
        p.cwdLooked = parent.cwdLooked;
      }
      processes.put(pid, p);
    }
    return p;
  }

  /** The descriptor table of {@code pid}. */
  public FdTable fds(int pid) {
    return process(pid).fds;
  }

  /** Path of descriptor {@code fd} of {@code pid}, looking it up once if unknown; or null. */
  public String path(int pid, int fd) {
    if (fd < 0) {
      return null;
    }
    FdTable t = process(pid).fds;
    if (!t.contains(fd)) {
      t.put(fd, procfs.fdPath(pid, fd), procfs.fdFlags(pid, fd), false);
    }
    return t.path(fd);
  }

  /** Open flags of {@code fd} of {@code pid} (looked up like {@link #path}), or -1. */
  public int flags(int pid, int fd) {
    if (fd < 0) {
      return -1;
    }
    path(pid, fd); // makes sure the entry was looked up
    return process(pid).fds.flags(fd);
  }

  /** The working directory of {@code pid}, or null when unknown. */
  public String cwd(int pid) {
    Process p = process(pid);
    if (!p.cwdLooked) {
      p.cwd = procfs.cwd(pid);
      p.cwdLooked = true;
    }
    return p.cwd;
  }

  /** Sets the working directory (after a successful chdir/fchdir). */
  public void setCwd(int pid, String cwd) {
    Process p = process(pid);
    p.cwd = cwd;
    p.cwdLooked = true;
  }

  /**
   * {@code path} made absolute: relative to {@code dirfd}'s directory, or to the working
   * directory for {@link #AT_FDCWD}; unchanged when the base is unknown.
   */
  public String resolve(int pid, int dirfd, String path) {
    if (path == null || path.startsWith("/")) {
      return path;
    }
    String base = dirfd == AT_FDCWD ? cwd(pid) : path(pid, dirfd);
    return joiner.join(base, path);
  }

  /** A task forked by {@code pid}: if it turns out to be a new process it starts with a copy. */
  public void fork(int pid, int childTid) {
    if (childTid != pid) {
      forkedFrom.put(childTid, process(pid));
    }
  }

  /** {@code pid} exec'd: close-on-exec descriptors are gone. */
  public void exec(int pid) {
    process(pid).fds.exec();
  }

  /** Task {@code tid} of {@code pid} ended; the whole process when tid == pid. */
  public void taskExit(int pid, int tid) {
    forkedFrom.remove(tid);
    if (tid == pid) {
      processes.remove(pid);
    }
  }

  /** Number of processes with state. */
  public int size() {
    return processes.size();
  }
}
