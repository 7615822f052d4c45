// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.util.IntMap;
import dev.ior.core.trace.spi.ProcFs;

/**
 * Descriptor tables and working directories per process (tgid), with their life cycle as the
 * kernel has it: fork copies the parent's table at the fork, exec drops close-on-exec
 * descriptors, the process's last thread frees it. Names of files come first from what the
 * kernel reports with each call (file identities, {@link FileIdentities}); {@link ProcFs} is only
 * the last resort, for a file the kernel did not name, and such a name is marked late. Not
 * thread-safe: owned by the consumer thread.
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
  private final FileIdentities identities = new FileIdentities(1 << 17);
  private final IntMap<Process> processes = new IntMap<>(64);
  private final PathJoiner joiner = new PathJoiner(1 << 14);
  private long lateLookups;

  private static final class Process {
    FdTable fds = new FdTable();
    String cwd;
    boolean cwdLooked;
    /** The root directory in the host's view after a chroot; null: the host's, or not known. */
    String root;
  }

  /** A table that resolves what the kernel did not name through {@code procfs}. */
  public ProcessTable(ProcFs procfs) {
    this.procfs = procfs;
  }

  private Process process(int pid) {
    Process p = processes.get(pid);
    if (p == null) {
      p = new Process();
      processes.put(pid, p);
    }
    return p;
  }

  /** The names of file identities. */
  public FileIdentities identities() {
    return identities;
  }

  /** The descriptor table of {@code pid}. */
  public FdTable fds(int pid) {
    return process(pid).fds;
  }

  /**
   * The file behind {@code fd} of {@code pid} at the time of a call that reported identity {@code
   * id}: the kernel's name of {@code id} (newer than the table's when the file was renamed or
   * deleted since), else the table's entry if it is that file, else a late {@code /proc} lookup.
   * With no identity the table's entry, if any, without a lookup.
   */
  public String path(int pid, int fd, Ident id) {
    return path(pid, fd, id, false);
  }

  /**
   * As {@link #path(int, int, Ident)}; {@code fromKernel}: {@code id} was read from the task's
   * descriptor table, so no identity means the descriptor was not open at the call (EBADF): no
   * file, and a stale entry (a table another process closed it in) is dropped.
   */
  public String path(int pid, int fd, Ident id, boolean fromKernel) {
    if (fd < 0) {
      return null;
    }
    FdTable t = process(pid).fds;
    if (!id.present()) {
      if (fromKernel) {
        t.remove(fd);
        return null;
      }
      return t.path(fd);
    }
    if (t.sameFile(fd, id)) {
      int version = identities.version();
      String name = t.pathAt(fd, version);
      if (name == null) {
        t.rename(fd, identities.get(id), version);
        name = t.path(fd);
      }
      return name;
    }
    String name = identities.get(id);
    boolean late = name == null;
    if (late) {
      name = procfs.fdPath(pid, fd);
      lateLookups++;
    }
    t.put(fd, name, late ? procfs.fdFlags(pid, fd) : -1, false, id, late);
    return name;
  }

  /** Open flags of {@code fd} of {@code pid} as known, or -1. */
  public int flags(int pid, int fd) {
    return fd < 0 ? -1 : process(pid).fds.flags(fd);
  }

  /** Whether the name of {@code fd} came from a late /proc lookup. */
  public boolean late(int pid, int fd) {
    return fd >= 0 && process(pid).fds.late(fd);
  }

  /** The working directory of {@code pid} as tracked (chdir), looked up late once; or null. */
  public String cwd(int pid) {
    Process p = process(pid);
    if (!p.cwdLooked) {
      p.cwd = procfs.cwd(pid);
      p.cwdLooked = true;
      lateLookups++;
    }
    return p.cwd;
  }

  /**
   * The root directory of {@code pid} in the host's view when a chroot moved it, else null (the
   * host's root, or not seen: a process chrooted before the trace is known from its first
   * absolute path).
   */
  public String root(int pid) {
    Process p = processes.get(pid);
    return p == null ? null : p.root;
  }

  /**
   * Sets the root directory of {@code pid} (host's view) after a chroot, or as the kernel named it
   * at a call with an absolute path; "/" (the host's) is kept as null.
   */
  public void setRoot(int pid, String root) {
    if (root != null) {
      process(pid).root = root.equals("/") ? null : root;
    }
  }

  /** Sets the working directory (after a successful chdir/fchdir). */
  public void setCwd(int pid, String cwd) {
    Process p = process(pid);
    p.cwd = cwd;
    p.cwdLooked = true;
  }

  /**
   * {@code path} made absolute: relative to the directory {@code base} the kernel reported (the
   * dirfd's or the working directory at the call), else to the tracked {@code dirfd} or working
   * directory; unchanged when the base is unknown.
   */
  public String resolve(int pid, int dirfd, String path, Ident base) {
    return resolve(pid, dirfd, path, base, false);
  }

  /**
   * Like {@link #resolve(int, int, String, Ident)}; with {@code rootBase} the path is absolute and
   * {@code base} is the root it starts at (a chroot's, or openat2's dirfd with RESOLVE_IN_ROOT):
   * the result is in the host's view, the root's kernel name joined with the path. An absolute
   * path whose root is unknown is returned as the program wrote it.
   */
  public String resolve(int pid, int dirfd, String path, Ident base, boolean rootBase) {
    if (path == null) {
      return null;
    }
    if (path.startsWith("/")) {
      return joiner.joinUnder(rootBase && base.present() ? identities.get(base) : null, path);
    }
    String dir = base.present() ? identities.get(base) : null;
    if (dir == null) {
      dir = dirfd == AT_FDCWD ? cwd(pid) : path(pid, dirfd, base);
    }
    return path.isEmpty() ? dir : joiner.join(dir, path);
  }

  /** {@code pid} created process {@code childPid}: it starts with a copy of the table now. */
  public void fork(int pid, int childPid) {
    fork(pid, childPid, false);
  }

  /**
   * {@code pid} created process {@code childPid}: with {@code sharedFiles} ({@code
   * clone(CLONE_FILES)}) both use one descriptor table from now on, as in the kernel, so a close
   * in one is seen by the other; else the child starts with a copy of the table now.
   */
  public void fork(int pid, int childPid, boolean sharedFiles) {
    if (childPid == pid || childPid <= 0) {
      return;
    }
    Process parent = process(pid);
    Process child = new Process();
    child.fds = sharedFiles ? parent.fds : parent.fds.copy();
    child.cwd = parent.cwd;
    child.cwdLooked = parent.cwdLooked;
    child.root = parent.root;
    processes.put(childPid, child);
  }

  /** {@code pid} exec'd: close-on-exec descriptors are gone. */
  public void exec(int pid) {
    process(pid).fds.exec();
  }

  /** A task of {@code pid} ended; {@code groupDead}: the last one, so the process is gone. */
  public void taskExit(int pid, boolean groupDead) {
    if (groupDead) {
      processes.remove(pid);
    }
  }

  /** Number of processes with state. */
  public int size() {
    return processes.size();
  }

  /** How many names were looked up in /proc after the fact (the kernel had not named them). */
  public long lateLookups() {
    return lateLookups;
  }
}
