// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.Locale;
import java.util.function.Function;

/**
 * A named kind of operation the generator writes. A seed selects a kind; the program is mostly
 * steps of that kind among plain opens and I/O that show the names (see {@link Generator}).
 * Mismatches are reported by kind, and the known-differences file lists kinds.
 */
public enum Kind {
  OPEN(FileSteps::open, "open/openat/creat, flags, absolute/relative/symlink paths"),
  OPENAT2(FileSteps::openat2, "openat2 with RESOLVE_* against a dirfd (issue 18 kind 5)"),
  TMPFILE(FileSteps::tmpfile, "O_TMPFILE and linkat(AT_EMPTY_PATH) (kind 3)"),
  DUP(FileSteps::dup, "dup/dup2/dup3/fcntl F_DUPFD(_CLOEXEC)/F_SETFL"),
  CLOSE(FileSteps::close, "close, close_range incl. CLOSE_RANGE_CLOEXEC"),
  IO(FileSteps::io, "read/write/pread/pwrite/readv/writev/preadv(2)/pwritev(2)/lseek/fsync/"
      + "ftruncate/fstat/fstatfs/fallocate/fadvise64/readahead/flock/getdents/ioctl"),
  TRANSFER(FileSteps::transfer, "sendfile/copy_file_range/splice/tee"),
  RENAME(FileSteps::rename, "rename/renameat2 (EXCHANGE, NOREPLACE) while open, cwd renamed (kind 1)"),
  LINK(FileSteps::link, "link/linkat/symlink/unlink while open (kind 2)"),
  CWD(FileSteps::cwd, "chdir/fchdir then relative names"),
  MAGIC(FileSteps::magic, "opens through /proc/self/fd, /dev/fd, /proc/PID/root (kind 4)"),
  META(FileSteps::meta, "stat/statx/access/readlink/chmod/chown/utime(s)/statfs/xattr/mknod/"
      + "name_to_handle_at, by fd and by name"),
  DIR(FileSteps::dir, "mkdir/rmdir/getdents64"),
  SYNC(FileSteps::sync, "fsync/fdatasync/sync_file_range/syncfs"),
  MMAP(FileSteps::mmap, "file-backed mmap/msync/munmap (kind 9)"),
  MEMFD(FileSteps::memfd, "memfd_create, write, mmap"),
  ODD_NAME(FileSteps::oddName, "names with controls, quotes, <>, backslash, non-UTF-8 bytes"),
  LONG_PATH(FileSteps::longPath, "a file under a 500-4000 byte path (names cut?)"),
  INHERITED(FileSteps::inherited, "fds 0-2, 5, 6 opened by the shell before start"),
  PIPE(DescriptorSteps::pipe, "pipe/pipe2/socketpair"),
  SCM_RIGHTS(DescriptorSteps::scmRights, "fds received over a unix socket"),
  ANON(DescriptorSteps::anon, "eventfd/timerfd/signalfd/epoll/inotify, fanotify and its event"
      + " fds, userfaultfd/perf_event/bpf map/landlock/fscontext, open_tree (kind 6)"),
  PIDFD(DescriptorSteps::pidfd, "pidfd_open/pidfd_getfd (kind 6)"),
  SOCKET(DescriptorSteps::socket, "unix socket bind/listen/connect/accept4"),
  IOURING(DescriptorSteps::iouring, "io_uring_setup; a file opened or an fd closed by an io_uring"
      + " request, not a syscall"),
  FORK(ProcessSteps::fork, "fork: the child's table is a copy"),
  VFORK(ProcessSteps::vfork, "vfork then exec"),
  CLONE_FILES(ProcessSteps::cloneFiles, "clone(CLONE_FILES) without CLONE_THREAD (kind 8)"),
  CLONE_FS(ProcessSteps::cloneFs, "clone with/without CLONE_FS, the child changes directory"),
  THREAD(ProcessSteps::thread, "a thread opens/closes/writes, joined"),
  UNSHARE(ProcessSteps::unshare, "a thread unshares CLONE_FS/CLONE_FILES, changes directory, closes,"
      + " opens; the main thread then uses its own"),
  LEADER_EXIT(ProcessSteps::leaderExit, "the thread group leader exits first"),
  EXEC(ProcessSteps::exec, "fork+execve with and without close-on-exec fds"),
  THREAD_EXEC(ProcessSteps::threadExec, "execve from a non-leader thread"),
  CHROOT(ProcessSteps::chroot, "chroot, then absolute and relative names (kind 5)"),
  MOUNT_NS(ProcessSteps::mountNs, "a private mount namespace: bind mounts of a directory and of a"
      + " file, a tmpfs, an overlay, a lazy unmount while open (systemd PrivateTmp, containers)"),
  SECCOMP(ProcessSteps::seccomp, "a seccomp filter refuses a call with an errno (kind 7)"),
  SIGNAL(ProcessSteps::signal, "a blocking read interrupted, with and without SA_RESTART (kind 10)");

  private final Function<Choice, Step> writer;
  private final String description;

  Kind(Function<Choice, Step> writer, String description) {
    this.writer = writer;
    this.description = description;
  }

  /** The kind's name in reports and in the known-differences file: lower case, e.g. clone_files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the kind exercises (and which kind of issue 18 it belongs to). */
  public String description() {
    return description;
  }

  Step write(Choice choice) {
    return writer.apply(choice);
  }

  /**
   * The kind named {@code id} (as {@link #id()} prints it).
   *
   * @throws IllegalArgumentException naming the known kinds when there is none
   */
  public static Kind byId(String id) {
    for (Kind k : values()) {
      if (k.id().equals(id.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("no kind " + id + "; known: "
        + java.util.Arrays.stream(values()).map(Kind::id).collect(
            java.util.stream.Collectors.joining(",")));
  }
}
