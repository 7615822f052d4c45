// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.event.PairMarks;
import dev.ior.core.internal.decode.EnterRecord;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.decode.KernelNames;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.Shape;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;

/**
 * Knows which file each call touched and keeps the descriptor tables current: it fills the
 * file, fd, flags and bytes of a pair from its enter record (whose file identities the kernel
 * read at the call), then applies what a successful call changes (open, dup family, fcntl, close,
 * close_range, chdir). Failed calls change nothing.
 *
 * <pre>{@code
 * FileTracker files = new FileTracker(SyscallTable.standard(), new ProcessTable(ProcFs.EMPTY));
 * files.describe(enter, ret, openedIdent, pair); // before apply: close sees what it closes
 * files.apply(enter, ret, openedIdent, pair);
 * }</pre>
 */
public final class FileTracker {
  static final int O_WRONLY_CREAT_TRUNC = 0x1 | 0x40 | 0x200;
  static final int F_DUPFD = 0;
  static final int F_SETFD = 2;
  static final int F_SETFL = 4;
  static final int F_DUPFD_CLOEXEC = 1030;
  static final int FD_CLOEXEC = 1;
  static final int CLOSE_RANGE_CLOEXEC = 4;
  /** openat2's how.resolve: an absolute path starts at dirfd. */
  static final long RESOLVE_IN_ROOT = 0x10;
  /** O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME | O_NONBLOCK: what F_SETFL may change. */
  static final int SETFL_MASK = 0x400 | 0x2000 | 0x4000 | 0x40000 | 0x800;

  private final ProcessTable procs;
  private final FdEffect[] effects;
  private final int creatId;

  /** A tracker over {@code procs}, for syscalls of {@code table}. */
  public FileTracker(SyscallTable table, ProcessTable procs) {
    this.procs = procs;
    int max = 0;
    for (Syscall s : table.all()) {
      max = Math.max(max, s.id());
    }
    effects = new FdEffect[max + 1];
    for (Syscall s : table.all()) {
      effects[s.id()] = FdEffect.of(s);
    }
    Syscall creat = table.byName("creat");
    creatId = creat == null ? -1 : creat.id();
  }

  /** The process table this tracker keeps. */
  public ProcessTable processes() {
    return procs;
  }

  /**
   * Fills fd, file, file2, flags and bytes of {@code p} for the call {@code e} returning ret;
   * {@code opened} is the kernel's identity of a descriptor the call returned (open family).
   */
  public void describe(EnterRecord e, long ret, Ident opened, MutablePair p) {
    Syscall s = e.syscall;
    int pid = e.pid;
    p.fd = -1;
    p.file = null;
    p.file2 = null;
    p.flags = 0;
    p.bytes = ret > 0 && s.io() != IoKind.NONE ? ret : 0;
    learnRoot(e);
    p.root = procs.root(pid);
    switch (s.shape()) {
      case FD:
        int fd = (int) e.arg0;
        p.fd = fd;
        boolean fromKernel = (e.flags & RecordLayout.F_IDENT) != 0;
        if (effects[s.id()] != FdEffect.CLOSE_RANGE) {
          p.file = procs.path(pid, fd, e.file, fromKernel);
          p.flags = procs.flags(pid, fd);
          if (procs.late(pid, fd)) {
            p.marks |= PairMarks.FILE_LATE;
          }
        }
        if (s.io() == IoKind.TRANSFER) {
          p.file2 = procs.path(pid, (int) e.arg1, e.file2, fromKernel);
        }
        break;
      case PATH:
      case OPEN:
      case OPENHOW:
        p.file = procs.resolve(pid, e.dirfd, e.path, e.file,
            (e.flags & RecordLayout.F_ROOT_BASE) != 0);
        p.flags = s.id() == creatId ? O_WRONLY_CREAT_TRUNC : (int) e.openFlags;
        if (s.opensFd() && ret >= 0) {
          p.fd = (int) ret;
          String name = openedName(opened, p.file);
          if (name != null && !name.equals(p.file)) {
            p.file2 = p.file; // the path as the program gave it: strace's argument
            p.file = name;
          }
        } else if (e.dirfd != ProcessTable.AT_FDCWD) {
          p.fd = e.dirfd;
        }
        break;
      case NAME:
        p.file = s.literalOldName() ? e.path : procs.resolve(pid, e.dirfd, e.path, e.file,
            (e.flags & RecordLayout.F_ROOT_BASE) != 0);
        p.file2 = procs.resolve(pid, e.dirfd2, e.path2, e.file2,
            (e.flags & RecordLayout.F_ROOT_BASE2) != 0);
        break;
      default:
        break;
    }
  }

  /**
   * An absolute path's base is the task's root as the kernel named it (IOR_F_ROOT_BASE): the
   * process's root now, in the host's view — also for a process chrooted before the trace.
   * openat2 with RESOLVE_IN_ROOT starts at its dirfd instead, which is not the process's root.
   */
  private void learnRoot(EnterRecord e) {
    if ((e.flags & RecordLayout.F_ROOT_BASE) == 0 || !e.file.present()
        || e.syscall.shape() == Shape.OPENHOW
        && (e.arg3 & RESOLVE_IN_ROOT) != 0) {
      return;
    }
    procs.setRoot(e.pid, procs.identities().get(e.file));
  }

  /**
   * The name of the file an open returned: the kernel's (its f_path, named at the open's exit,
   * as strace -y decorates the returned fd), not the path string the program passed, which the
   * open row keeps as {@code file2} when it differs — a symlink, {@code /proc/self/fd/N}, {@code
   * O_TMPFILE}'s directory or a path under another root name another file. The path is kept only
   * when the kernel's name is missing (its record lost) or cut shorter than the path.
   */
  private String openedName(Ident opened, String path) {
    String kernel = opened.present() ? procs.identities().get(opened) : null;
    if (kernel == null || kernel.startsWith(KernelNames.CUT) && path != null
        && path.startsWith("/") && path.endsWith(kernel.substring(KernelNames.CUT.length()))) {
      return path;
    }
    return kernel;
  }

  /**
   * Applies what the call changed, given the pair {@link #describe} filled; {@code opened} is the
   * kernel's identity of a descriptor the call returned (open family), else none.
   */
  public void apply(EnterRecord e, long ret, Ident opened, MutablePair p) {
    if (ret < 0) {
      return;
    }
    int pid = e.pid;
    switch (effects[e.syscall.id()]) {
      case OPEN:
        procs.fds(pid).put((int) ret, p.file, p.flags, (p.flags & FdTable.O_CLOEXEC) != 0, opened,
            false);
        if (procs.identities().get(opened) == null) {
          // the kernel's name record was lost: the open's path is the best name there is
          procs.identities().put(opened, p.file);
        }
        break;
      case CLOSE:
        procs.fds(pid).remove((int) e.arg0);
        break;
      case CLOSE_RANGE:
        procs.fds(pid).closeRange(e.arg0 & 0xffffffffL, e.arg1 & 0xffffffffL,
            (e.arg2 & CLOSE_RANGE_CLOEXEC) != 0);
        break;
      case DUP:
      case DUP2:
        dupFrom(pid, (int) e.arg0, (int) ret, false);
        break;
      case DUP3:
        dupFrom(pid, (int) e.arg0, (int) ret, (e.arg2 & FdTable.O_CLOEXEC) != 0);
        break;
      case FCNTL:
        fcntl(pid, (int) e.arg0, (int) e.arg1, e.arg2, ret);
        break;
      case CHDIR:
      case FCHDIR:
        procs.setCwd(pid, p.file);
        break;
      case CHROOT:
        procs.setRoot(pid, p.file);
        break;
      default:
        break;
    }
  }

  private void dupFrom(int pid, int from, int to, boolean cloexec) {
    procs.fds(pid).dup(from, to, cloexec);
  }

  private void fcntl(int pid, int fd, int cmd, long arg, long ret) {
    switch (cmd) {
      case F_DUPFD:
      case F_DUPFD_CLOEXEC:
        dupFrom(pid, fd, (int) ret, cmd == F_DUPFD_CLOEXEC);
        break;
      case F_SETFD:
        procs.fds(pid).setCloexec(fd, (arg & FD_CLOEXEC) != 0);
        break;
      case F_SETFL:
        procs.fds(pid).setStatusFlags(fd, (int) arg, SETFL_MASK);
        break;
      default:
        break;
    }
  }
}
