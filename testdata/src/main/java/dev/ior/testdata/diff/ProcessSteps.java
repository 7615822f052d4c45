// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * Steps that involve more than one task: children, clones, threads, execs, chroot, seccomp and
 * signals. Each waits for what it started, so the programs stay sequential and a trace's order
 * of first appearance names the same task in both runs.
 */
final class ProcessSteps {
  private ProcessSteps() {}

  /** 1..3 self-contained statements for a child or thread body. */
  private static String body(Choice c) {
    StringBuilder b = new StringBuilder();
    int n = 1 + c.nextInt(3);
    for (int i = 0; i < n; i++) {
      Step s = switch (c.nextInt(5)) {
        case 0, 3 -> FileSteps.plainOpen(c);
        case 1 -> FileSteps.close(c);
        case 4 -> FileSteps.cwd(c);
        default -> FileSteps.io(c);
      };
      b.append(s.code()).append('\n');
    }
    return b.toString();
  }

  private static String indent(String code) {
    return "  " + code.strip().replace("\n", "\n  ");
  }

  static Step fork(Choice c) {
    return Step.of(Kind.FORK, "{\n  pid_t k = (pid_t) syscall(SYS_fork);\n  if (k == 0) {\n"
        + indent(indent(body(c))) + "\n    _exit(0);\n  }\n  child_wait(k);\n}\n" + body(c));
  }

  static Step vfork(Choice c) {
    return Step.of(Kind.VFORK, "{\n  pid_t k = vfork();\n  if (k == 0) reexec();\n"
        + "  child_wait(k);\n}");
  }

  /**
   * The child closes a slot and opens a file (which takes the lowest free fd, often the one just
   * closed); with CLONE_FILES both happen in the parent's table too, so the parent's calls on
   * that fd number then reach the new file, or fail with EBADF.
   */
  static Step cloneFiles(Choice c) {
    String fn = c.function("cf");
    String closed = c.slot();
    String functions = "static int " + fn + "(void *a) {\n  (void) a;\n  syscall(SYS_close, "
        + closed + ");\n" + indent(body(c)) + "\n  return 0;\n}";
    String flags = c.pick("CLONE_FILES", "CLONE_FILES", "CLONE_FILES|CLONE_FS", "0");
    return new Step(Kind.CLONE_FILES, "cloned(" + flags + ", " + fn + ");\n"
        + FileSteps.write(closed) + "\n" + body(c), functions);
  }

  /**
   * A clone changes the working directory, the parent's too with CLONE_FS, and the parent then
   * creates and writes a file there. "/" is the root of a chroot to r ({@link #ROOT_IN_R}), set by
   * the same clone: the host's root was shared by the strace and the ior run of a program, so its
   * file there grew between the two and the reads disagreed (seed 7206).
   */
  static Step cloneFs(Choice c) {
    String fn = c.function("cs");
    String functions = "static int " + fn + "(void *a) {\n  (void) a;\n  "
        + c.pick("syscall(SYS_chdir, \"d0\");", "syscall(SYS_chdir, \"r\");",
            ROOT_IN_R.replace("\n", "\n  "))
        + "\n  return 0;\n}";
    String flags = c.pick("CLONE_FS", "CLONE_FS|CLONE_FILES", "0");
    String slot = c.slot();
    return new Step(Kind.CLONE_FS, "cloned(" + flags + ", " + fn + ");\n" + slot
        + " = (int) syscall(SYS_open, " + c.file() + ", O_RDWR|O_CREAT, 0644);\n"
        + FileSteps.write(slot), functions);
  }

  static Step thread(Choice c) {
    String fn = c.function("th");
    String functions = "static void " + fn + "(void) {\n" + indent(body(c)) + "\n}";
    return new Step(Kind.THREAD, "in_thread(" + fn + ");\n" + body(c), functions);
  }

  /**
   * A thread leaves the process's working directory or fd table for a copy of its own
   * (unshare(CLONE_FS), unshare(CLONE_FILES)), as Samba's worker threads do for a working
   * directory per thread, then changes directory, closes and opens; the main thread's relative
   * names and fds afterwards still reach its own directory and table.
   */
  static Step unshare(Choice c) {
    String fn = c.function("un");
    String flags = c.pick("CLONE_FS", "CLONE_FILES", "CLONE_FS|CLONE_FILES");
    String functions = "static void " + fn + "(void) {\n  syscall(SYS_unshare, " + flags
        + ");\n  " + c.pick("syscall(SYS_chdir, \"d0\");", "syscall(SYS_chdir, \"d1\");",
            "syscall(SYS_close, " + c.fd() + ");")
        + "\n" + indent(body(c)) + "\n}";
    return new Step(Kind.UNSHARE, "in_thread(" + fn + ");\n" + body(c), functions);
  }

  static Step leaderExit(Choice c) {
    String fn = c.function("le");
    String functions = "static void " + fn + "(void) {\n" + indent(body(c)) + "\n}";
    return new Step(Kind.LEADER_EXIT, "leader_exits_first(" + fn + ");", functions);
  }

  static Step exec(Choice c) {
    String setup = switch (c.nextInt(6)) {
      case 0 -> "syscall(SYS_fcntl, " + c.fd() + ", F_SETFD, FD_CLOEXEC);\n";
      case 1 -> c.slot() + " = (int) syscall(SYS_open, " + c.file() + ", O_RDWR|O_CLOEXEC);\n";
      case 2 -> "syscall(SYS_close_range, " + (3 + c.nextInt(6)) + ", ~0U, CLOSE_RANGE_CLOEXEC);\n";
      case 3 -> "syscall(SYS_dup3, " + c.fd() + ", " + (3 + c.nextInt(9)) + ", O_CLOEXEC);\n";
      case 4 -> "syscall(SYS_fcntl, " + c.fd() + ", F_DUPFD_CLOEXEC, 3);\n";
      default -> "";
    };
    return Step.of(Kind.EXEC, setup + "{\n  pid_t k = (pid_t) syscall(SYS_fork);\n"
        + "  if (k == 0) reexec();\n  child_wait(k);\n}");
  }

  static Step threadExec(Choice c) {
    return Step.of(Kind.THREAD_EXEC, "exec_from_thread();");
  }

  /**
   * A chroot to the program's r and a chdir to its root. By absolute name, and the chdir only
   * after the chroot worked: a relative "r" failed where an earlier step had changed the working
   * directory, and the chdir then took the program to the host's root, where its files were made
   * (and shared by the strace and the ior run).
   */
  private static final String ROOT_IN_R = "{\n  char r[600];\n"
      + "  snprintf(r, sizeof r, \"%s/r\", CWD);\n"
      + "  if (syscall(SYS_chroot, r) == 0) syscall(SYS_chdir, \"/\");\n}";

  static Step chroot(Choice c) {
    String inner = ROOT_IN_R + "\n"
        + "F[0] = (int) syscall(SYS_open, " + c.pick("\"/f0\"", "\"sub/f1\"", "\"/sub/f1\"")
        + ", O_RDWR);\n" + FileSteps.write("F[0]") + "\n"
        + "F[1] = (int) syscall(SYS_openat, AT_FDCWD, \"f0\", O_RDONLY);\n"
        + "syscall(SYS_read, F[1], B, 4);\nsyscall(SYS_unlink, \"sub/f1\");";
    return Step.of(Kind.CHROOT, c.chance(50)
        ? "{\n  pid_t k = (pid_t) syscall(SYS_fork);\n  if (k == 0) {\n" + indent(indent(inner))
            + "\n    _exit(0);\n  }\n  child_wait(k);\n}"
        : inner);
  }

  /**
   * In a child of its own (private) mount namespace, so nothing reaches the host's: files reached
   * through a bind mount of a directory or of a file, on a tmpfs, and on an overlay (a
   * container's root: a lower file opened for writing is copied up, a removed one leaves a
   * whiteout) named through the mount point as /proc names them; then a lazy unmount while one is
   * open, whose name /proc then gives from the detached mount's root.
   */
  static Step mountNs(Choice c) {
    String mount = switch (c.nextInt(4)) {
      case 0 -> "mount(\"d1\", \"d0\", NULL, MS_BIND, NULL);\n"
          + "F[0] = (int) syscall(SYS_open, \"d0/f1\", O_RDWR);";
      case 1 -> "mount(\"f1\", \"f2\", NULL, MS_BIND, NULL);\n"
          + "F[0] = (int) syscall(SYS_open, \"f2\", O_RDWR);";
      case 2 -> "mount(\"none\", \"d1\", \"tmpfs\", 0, NULL);\n"
          + "F[0] = (int) syscall(SYS_open, \"d1/t0\", O_RDWR|O_CREAT, 0644);";
      default -> "mkdir(\"u0\", 0755);\nmkdir(\"w0\", 0755);\n"
          + "mount(\"overlay\", \"d0\", \"overlay\", 0,"
          + " \"lowerdir=d1,upperdir=u0,workdir=w0\");\n"
          + "F[0] = (int) syscall(SYS_open, \"d0/f1\", O_RDWR);"
          + c.pick("", "\nsyscall(SYS_unlink, \"d0/f1\");"); // a whiteout over the open file
    };
    String after = c.pick("", "umount2(" + c.pick("\"d0\"", "\"f2\"", "\"d1\"")
        + ", MNT_DETACH);\n");
    String inner = "if (unshare(CLONE_NEWNS) == 0 && mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL)"
        + " == 0) {\n  " + mount.replace("\n", "\n  ") + "\n  " + FileSteps.write("F[0]")
        + "\n  " + after.replace("\n", "\n  ") + FileSteps.write("F[0]") + "\n  "
        + "F[1] = (int) syscall(SYS_openat, AT_FDCWD, " + c.pick("\"d0/f0\"", "\"d1/f1\"",
        "\"f2\"") + ", O_RDONLY);\n  syscall(SYS_read, F[1], B, 4);\n}";
    return Step.of(Kind.MOUNT_NS, "{\n  pid_t k = (pid_t) syscall(SYS_fork);\n  if (k == 0) {\n"
        + indent(indent(inner)) + "\n    _exit(0);\n  }\n  child_wait(k);\n}");
  }

  static Step seccomp(Choice c) {
    String[] refused = {"SYS_fsync", "SYS_dup", "SYS_lseek", "SYS_ftruncate", "SYS_unlink",
        "SYS_openat", "SYS_close", "SYS_write"};
    String nr = c.pick(refused);
    String errno = c.pick("EPERM", "EACCES", "ENOSYS");
    String fd = c.fd();
    String call = switch (nr) {
      case "SYS_fsync", "SYS_dup", "SYS_close" -> "syscall(" + nr + ", " + fd + ");";
      case "SYS_lseek" -> "syscall(SYS_lseek, " + fd + ", 0, SEEK_SET);";
      case "SYS_ftruncate" -> "syscall(SYS_ftruncate, " + fd + ", 1);";
      case "SYS_unlink" -> "syscall(SYS_unlink, \"f2\");";
      case "SYS_openat" -> "syscall(SYS_openat, AT_FDCWD, \"f1\", O_RDONLY);";
      default -> FileSteps.write(fd);
    };
    return Step.of(Kind.SECCOMP, "refuse(" + nr + ", " + errno + ");\n" + call + "\n" + call);
  }

  static Step signal(Choice c) {
    return Step.of(Kind.SIGNAL, "interrupted_read(" + c.pick("0", "1") + ");");
  }
}
