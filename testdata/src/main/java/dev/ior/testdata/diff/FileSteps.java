// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * Steps on files and descriptors of one process. Every call goes through {@code syscall(SYS_x)}
 * so the program makes exactly the syscall named (glibc would turn open into openat, etc.).
 * Steps store new fds in slots and use slots or literal fds, so no step depends on another.
 */
final class FileSteps {
  private FileSteps() {}

  private static final String[] OPEN_FLAGS = {"O_RDONLY", "O_WRONLY|O_CREAT", "O_RDWR|O_CREAT|O_TRUNC",
      "O_RDWR|O_APPEND|O_CREAT", "O_RDONLY|O_CLOEXEC", "O_WRONLY|O_CREAT|O_EXCL", "O_RDONLY|O_DIRECTORY",
      "O_PATH", "O_RDONLY|O_NOFOLLOW", "O_RDWR"};

  /** Kind OPEN: every way of opening, including symlinks and odd spellings of a path. */
  static Step open(Choice c) {
    if (c.chance(50)) {
      return plainOpen(c);
    }
    String slot = c.slot();
    String flags = c.pick(OPEN_FLAGS);
    String code = switch (c.nextInt(3)) {
      case 0 -> slot + " = (int) syscall(SYS_openat, AT_FDCWD, " + c.oddFile() + ", " + flags
          + ", 0644);";
      case 1 -> "snprintf(P, sizeof P, \"%s/%s\", CWD, " + c.oddFile() + ");\n"
          + slot + " = (int) syscall(SYS_openat, AT_FDCWD, P, " + flags + ", 0644);";
      default -> slot + " = (int) syscall(SYS_open, " + c.oddFile() + ", " + flags + ", 0644);";
    };
    return Step.of(Kind.OPEN, code + "\n" + write(slot));
  }

  /** An open of a plain name (no symlink, no ".."): the filler around every kind's steps. */
  static Step plainOpen(Choice c) {
    String slot = c.slot();
    String flags = c.pick(OPEN_FLAGS);
    String code = switch (c.nextInt(6)) {
      case 0 -> slot + " = (int) syscall(SYS_open, " + c.file() + ", " + flags + ", 0644);";
      case 1 -> slot + " = (int) syscall(SYS_openat, " + c.pick("AT_FDCWD", c.fd()) + ", "
          + c.file() + ", " + flags + ", 0644);";
      case 2 -> slot + " = (int) syscall(SYS_creat, " + c.file() + ", 0644);";
      case 3 -> "snprintf(P, sizeof P, \"%s/%s\", CWD, " + c.file() + ");\n"
          + slot + " = (int) syscall(SYS_openat, AT_FDCWD, P, " + flags + ", 0644);";
      case 4 -> slot + " = (int) syscall(SYS_openat, AT_FDCWD, "
          + c.pick("\"/dev/null\"", "\".\"", "\"d0\"") + ", " + flags + ", 0644);";
      default -> {
        String dir = c.slot();
        yield dir + " = (int) syscall(SYS_openat, AT_FDCWD, " + c.pick("\"d0\"", "\"d1\"", "\".\"")
            + ", O_RDONLY|O_DIRECTORY);\n" + slot + " = (int) syscall(SYS_openat, " + dir + ", "
            + c.pick("\"f0\"", "\"f1\"", "\"n3\"") + ", " + flags + ", 0644);";
      }
    };
    return Step.of(Kind.OPEN, code + "\n" + write(slot));
  }

  /** A one-byte write: the call whose file name every tracer shows. */
  static String write(String fd) {
    return "syscall(SYS_write, " + fd + ", B, 1);";
  }

  static Step openat2(Choice c) {
    String slot = c.slot();
    String resolve = c.pick("0", "RESOLVE_BENEATH", "RESOLVE_IN_ROOT", "RESOLVE_NO_SYMLINKS",
        "RESOLVE_NO_MAGICLINKS", "RESOLVE_NO_XDEV", "RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS");
    String path = c.pick("\"f0\"", "\"/f0\"", "\"sub/f1\"", "\"/sub/f1\"", "\"../f0\"",
        "\"/proc/self/exe\"");
    String dir = c.pick("\".\"", "\"r\"", "\"d0\"");
    String flags = c.pick("O_RDONLY", "O_RDWR", "O_WRONLY|O_CREAT");
    String absolute = "";
    if ((path.equals("\"/f0\"") || path.equals("\"/sub/f1\""))
        && !resolve.contains("RESOLVE_IN_ROOT") && !resolve.contains("RESOLVE_BENEATH")) {
      // Else the host's root: /f0 would be made there, shared by the strace and the ior run of
      // a program, and left behind. Under the program's directory the name is as absolute.
      absolute = "snprintf(P, sizeof P, \"%s%s\", CWD, " + path + ");\n  ";
      path = "P";
    }
    String code = "{\n  " + absolute + "struct open_how h = {.flags = " + flags
        + ", .mode = 0644, .resolve = " + resolve
        + "};\n  int d = (int) syscall(SYS_openat, AT_FDCWD, " + dir
        + ", O_PATH|O_DIRECTORY);\n  " + slot + " = (int) syscall(SYS_openat2, "
        + c.pick("d", "d", "AT_FDCWD") + ", " + path + ", &h, sizeof h);\n  " + write(slot)
        + "\n  syscall(SYS_close, d);\n}";
    return Step.of(Kind.OPENAT2, code);
  }

  static Step tmpfile(Choice c) {
    String slot = c.slot();
    StringBuilder code = new StringBuilder(slot + " = (int) syscall(SYS_openat, AT_FDCWD, "
        + c.pick("\".\"", "\"d0\"") + ", O_TMPFILE|O_RDWR, 0600);\nsyscall(SYS_write, " + slot
        + ", B, 10);");
    switch (c.nextInt(3)) {
      case 0 -> code.append("\nsyscall(SYS_linkat, ").append(slot)
          .append(", \"\", AT_FDCWD, \"t0\", AT_EMPTY_PATH);\n").append(write(slot));
      case 1 -> code.append("\nsnprintf(P, sizeof P, \"/proc/self/fd/%d\", ").append(slot)
          .append(");\nsyscall(SYS_linkat, AT_FDCWD, P, AT_FDCWD, \"t1\", AT_SYMLINK_FOLLOW);\n")
          .append(write(slot));
      default -> code.append("\n").append(write(slot));
    }
    return Step.of(Kind.TMPFILE, code.toString());
  }

  static Step dup(Choice c) {
    String slot = c.slot();
    String from = c.fd();
    int to = 3 + c.nextInt(9);
    String code = switch (c.nextInt(8)) {
      case 0 -> slot + " = (int) syscall(SYS_dup, " + from + ");";
      case 1 -> slot + " = (int) syscall(SYS_dup2, " + from + ", " + to + ");";
      case 2 -> slot + " = (int) syscall(SYS_dup3, " + from + ", " + to + ", O_CLOEXEC);";
      case 3 -> slot + " = (int) syscall(SYS_dup3, " + from + ", " + from + ", "
          + c.pick("0", "O_CLOEXEC", "0x4") + ");";
      case 4 -> slot + " = (int) syscall(SYS_fcntl, " + from + ", F_DUPFD, " + to + ");";
      case 5 -> slot + " = (int) syscall(SYS_fcntl, " + from + ", F_DUPFD_CLOEXEC, " + to + ");";
      case 6 -> "syscall(SYS_dup2, " + from + ", " + from + ");";
      default -> "syscall(SYS_fcntl, " + from + ", " + c.pick("F_SETFL, O_APPEND|O_NONBLOCK",
          "F_SETFD, FD_CLOEXEC", "F_GETFL", "F_SETFL, 0") + ");";
    };
    return Step.of(Kind.DUP, code + "\n" + write(slot) + "\n" + write(Integer.toString(to)));
  }

  static Step close(Choice c) {
    int first = 3 + c.nextInt(8);
    String code = switch (c.nextInt(6)) {
      case 0, 1 -> "syscall(SYS_close, " + c.fd() + ");";
      case 2 -> "syscall(SYS_close_range, " + first + ", " + (first + c.nextInt(4)) + ", 0);";
      case 3 -> "syscall(SYS_close_range, " + first + ", ~0U, CLOSE_RANGE_CLOEXEC);";
      case 4 -> "syscall(SYS_close_range, " + first + ", " + (first + 2) + ", CLOSE_RANGE_UNSHARE);";
      default -> {
        String s = c.slot();
        yield "syscall(SYS_close, " + s + ");\nsyscall(SYS_close, " + s + ");";
      }
    };
    return Step.of(Kind.CLOSE, code + "\n" + write(Integer.toString(first)));
  }

  static Step io(Choice c) {
    return Step.of(Kind.IO, ioCall(c, c.fd()));
  }

  /** One I/O call on {@code fd}. */
  static String ioCall(Choice c, String fd) {
    int n = 1 + c.nextInt(64);
    return switch (c.nextInt(23)) {
      case 0, 1 -> "syscall(SYS_write, " + fd + ", B, " + n + ");";
      case 2 -> "syscall(SYS_read, " + fd + ", B, " + n + ");";
      case 3 -> "syscall(SYS_pread64, " + fd + ", B, " + n + ", " + c.nextInt(300) + ");";
      case 4 -> "syscall(SYS_pwrite64, " + fd + ", B, " + n + ", " + c.nextInt(300) + ");";
      case 5 -> "{ struct iovec v[2] = {{B, 8}, {B + 8, " + n + "}}; syscall(SYS_readv, " + fd
          + ", v, 2); }";
      case 6 -> "{ struct iovec v[2] = {{B, 8}, {B + 8, " + n + "}}; syscall(SYS_writev, " + fd
          + ", v, 2); }";
      case 7 -> "syscall(SYS_lseek, " + fd + ", " + c.nextInt(100) + ", SEEK_SET);";
      case 8 -> "syscall(SYS_fsync, " + fd + ");";
      case 9 -> "syscall(SYS_ftruncate, " + fd + ", " + c.nextInt(500) + ");";
      case 10 -> "{ struct stat st; syscall(SYS_newfstatat, " + fd
          + ", \"\", &st, AT_EMPTY_PATH); }";
      case 11, 12, 13, 14 -> "{ struct iovec v[2] = {{B, 8}, {B + 8, " + n + "}}; syscall(SYS_"
          + c.pick("preadv", "pwritev", "preadv2", "pwritev2") + ", " + fd + ", v, 2, "
          + c.nextInt(300) + ", 0, 0); }";
      case 15 -> "syscall(SYS_fallocate, " + fd + ", 0, 0, " + n + ");";
      case 16 -> "syscall(SYS_fadvise64, " + fd + ", 0, " + n + ", POSIX_FADV_SEQUENTIAL);";
      case 17 -> "syscall(SYS_readahead, " + fd + ", 0, " + n + ");";
      case 18 -> "syscall(SYS_flock, " + fd + ", " + c.pick("LOCK_EX|LOCK_NB", "LOCK_UN") + ");";
      case 19 -> "syscall(SYS_fstatfs, " + fd + ", B);";
      case 20 -> "{ struct stat st; syscall(SYS_fstat, " + fd + ", &st); }";
      case 21 -> "syscall(SYS_getdents, " + fd + ", B, sizeof B);";
      default -> "{ int n = 0; syscall(SYS_ioctl, " + fd + ", FIONREAD, &n); }";
    };
  }

  static Step transfer(Choice c) {
    String in = c.fd();
    String out = c.fd();
    String code = switch (c.nextInt(4)) {
      case 0 -> "syscall(SYS_sendfile, " + out + ", " + in + ", NULL, 16);";
      case 1 -> "syscall(SYS_copy_file_range, " + in + ", NULL, " + out + ", NULL, 16, 0);";
      case 2 -> "{\n  int p[2], q[2];\n  syscall(SYS_pipe2, p, O_NONBLOCK);\n"
          + "  syscall(SYS_pipe2, q, O_NONBLOCK);\n  syscall(SYS_write, p[1], B, 16);\n"
          + "  syscall(SYS_tee, p[0], q[1], 16, SPLICE_F_NONBLOCK);\n  syscall(SYS_splice, q[0], NULL, "
          + out + ", NULL, 16, SPLICE_F_NONBLOCK);\n  syscall(SYS_close, p[0]);\n"
          + "  syscall(SYS_close, p[1]);\n  syscall(SYS_close, q[0]);\n  syscall(SYS_close, q[1]);\n}";
      default -> "{\n  int p[2];\n  syscall(SYS_pipe2, p, O_NONBLOCK);\n  syscall(SYS_splice, "
          + in + ", NULL, p[1], NULL, 16, SPLICE_F_NONBLOCK);\n  syscall(SYS_splice, p[0], NULL, "
          + out + ", NULL, 16, SPLICE_F_NONBLOCK);\n  syscall(SYS_close, p[0]);\n"
          + "  syscall(SYS_close, p[1]);\n}";
    };
    return Step.of(Kind.TRANSFER, code);
  }

  static Step rename(Choice c) {
    String a = c.slot();
    String b = c.slot();
    String code = switch (c.nextInt(7)) {
      case 6 -> a + " = (int) syscall(SYS_open, \"f2\", O_RDWR);\n"
          + "syscall(SYS_rename, \"f1\", \"f2\");\n" + write(a) + "\n" + b
          + " = (int) syscall(SYS_open, \"f2\", O_RDWR);\n" + write(b);
      case 0 -> a + " = (int) syscall(SYS_open, \"f0\", O_RDWR|O_APPEND);\n"
          + "syscall(SYS_rename, \"f0\", \"f0.1\");\n" + b
          + " = (int) syscall(SYS_open, \"f0\", O_RDWR|O_CREAT, 0644);\n" + write(a) + "\n" + write(b);
      case 1 -> a + " = (int) syscall(SYS_open, \"f1\", O_RDWR);\n" + b
          + " = (int) syscall(SYS_open, \"f2\", O_RDWR);\n"
          + "syscall(SYS_renameat2, AT_FDCWD, \"f1\", AT_FDCWD, \"f2\", RENAME_EXCHANGE);\n"
          + write(a) + "\n" + write(b);
      case 2 -> "syscall(SYS_renameat2, AT_FDCWD, " + c.file() + ", AT_FDCWD, " + c.file()
          + ", RENAME_NOREPLACE);\n" + write(a);
      case 3 -> a + " = (int) syscall(SYS_open, \"d0/f0\", O_RDWR);\n"
          + "syscall(SYS_rename, \"d0\", \"d9\");\n" + write(a);
      case 4 -> "snprintf(P, sizeof P, \"%s.moved\", CWD);\nsyscall(SYS_rename, CWD, P);\n" + a
          + " = (int) syscall(SYS_open, \"n0\", O_RDWR|O_CREAT, 0644);\n" + write(a);
      default -> "{\n  int d = (int) syscall(SYS_open, \"d0\", O_RDONLY|O_DIRECTORY);\n"
          + "  syscall(SYS_renameat, d, \"f0\", AT_FDCWD, " + c.file() + ");\n"
          + "  syscall(SYS_close, d);\n}\n" + write(a);
    };
    return Step.of(Kind.RENAME, code);
  }

  static Step link(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(7)) {
      case 6 -> a + " = (int) syscall(SYS_open, \"f0\", O_RDWR);\nsyscall(SYS_link, \"f0\", \"h2\");\n"
          + "syscall(SYS_unlink, \"f0\");\n" + write(a) + "\n" + c.slot()
          + " = (int) syscall(SYS_open, \"h2\", O_RDONLY);";
      case 0 -> a + " = (int) syscall(SYS_open, \"f1\", O_RDWR);\nsyscall(SYS_unlink, \"f1\");\n"
          + write(a) + "\n" + c.slot() + " = (int) syscall(SYS_open, \"f1\", O_RDWR|O_CREAT, 0644);\n"
          + write(a);
      case 1 -> "syscall(SYS_link, " + c.file() + ", \"h0\");\n" + a
          + " = (int) syscall(SYS_open, \"h0\", O_RDWR);\n" + write(a);
      case 2 -> "syscall(SYS_linkat, AT_FDCWD, " + c.file() + ", AT_FDCWD, \"d0/h1\", 0);";
      case 3 -> "syscall(SYS_symlink, " + c.pick("\"f0\"", "\"/etc/hostname\"", "\"missing\"")
          + ", \"s0\");\n" + a + " = (int) syscall(SYS_open, \"s0\", O_RDONLY);\n" + write(a);
      case 4 -> "syscall(SYS_symlinkat, \"d1\", AT_FDCWD, \"s1\");\n" + a
          + " = (int) syscall(SYS_open, \"s1/f1\", O_RDWR);\n" + write(a);
      default -> "syscall(SYS_unlinkat, AT_FDCWD, " + c.pick("\"d1\"", "\"d0/f0\"", "\"n0\"")
          + ", " + c.pick("0", "AT_REMOVEDIR") + ");";
    };
    return Step.of(Kind.LINK, code);
  }

  static Step cwd(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(4)) {
      case 0 -> "syscall(SYS_chdir, " + c.pick("\"d0\"", "\"d1\"", "\"..\"", "\"missing\"", "\"r\"")
          + ");";
      case 1 -> a + " = (int) syscall(SYS_open, " + c.pick("\"d1\"", "\"r\"", "\".\"")
          + ", O_RDONLY|O_DIRECTORY);\nsyscall(SYS_fchdir, " + a + ");";
      case 2 -> "syscall(SYS_fchdir, " + c.fd() + ");";
      default -> "syscall(SYS_chdir, CWD);";
    };
    return Step.of(Kind.CWD, code + "\n" + a + " = (int) syscall(SYS_open, " + c.file()
        + ", O_RDWR|O_CREAT, 0644);\n" + write(a));
  }

  static Step magic(Choice c) {
    String a = c.slot();
    String path = switch (c.nextInt(5)) {
      case 0 -> "snprintf(P, sizeof P, \"/proc/self/fd/%d\", " + c.fd() + ");";
      case 1 -> "snprintf(P, sizeof P, \"/dev/fd/%d\", " + c.fd() + ");";
      case 2 -> "snprintf(P, sizeof P, \"/proc/%d/root%s/f0\", (int) getpid(), CWD);";
      case 3 -> "snprintf(P, sizeof P, \"/proc/self/cwd/%s\", " + c.file() + ");";
      default -> "snprintf(P, sizeof P, \"/proc/%d/fd/%d\", (int) getpid(), " + c.fd() + ");";
    };
    return Step.of(Kind.MAGIC, path + "\n" + a + " = (int) syscall(SYS_openat, AT_FDCWD, P, "
        + c.pick("O_RDONLY", "O_WRONLY", "O_RDWR") + ");\n" + write(a));
  }

  /**
   * A call on a file's metadata: by fd, or by name (relative, through a symlink or an odd
   * spelling; names that may not exist fail alike in both runs), each of the path calls ior
   * decodes. Modes are 0666 for the reason below.
   */
  static Step meta(Choice c) {
    String name = c.chance(70) ? c.file() : c.oddFile();
    String code = switch (c.nextInt(21)) {
      case 0 -> c.pick("{ struct stat st; syscall(SYS_newfstatat, AT_FDCWD, " + name + ", &st, 0); }",
          "{ struct stat st; syscall(SYS_stat, " + name + ", &st); }",
          "{ struct stat st; syscall(SYS_lstat, " + name + ", &st); }");
      case 1 -> "{ struct statx sx; syscall(SYS_statx, " + c.pick("AT_FDCWD", c.fd()) + ", "
          + c.pick(c.file(), "\"\"") + ", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx); }";
      // 0666: the fd may be /dev/null (programs open it, and run as root); any other mode
      // would change the machine's /dev/null for every other program.
      case 2 -> "syscall(SYS_fchmod, " + c.fd() + ", 0666);";
      case 3 -> "syscall(SYS_fchown, " + c.fd() + ", 0, 0);";
      case 4 -> "syscall(SYS_utimensat, AT_FDCWD, " + c.file() + ", NULL, 0);";
      case 5 -> "syscall(SYS_truncate, " + c.file() + ", 10);";
      case 6 -> "syscall(SYS_fsetxattr, " + c.fd() + ", \"user.ior\", \"v\", 1, 0);";
      case 7 -> c.pick("syscall(SYS_fgetxattr, " + c.fd() + ", \"user.ior\", B, 16);",
          "syscall(SYS_flistxattr, " + c.fd() + ", B, 64);",
          "syscall(SYS_fremovexattr, " + c.fd() + ", \"user.ior\");");
      case 8 -> "syscall(SYS_faccessat, " + c.pick("AT_FDCWD", c.fd()) + ", " + name
          + ", R_OK|W_OK);";
      case 9 -> "syscall(SYS_access, " + name + ", F_OK);";
      case 10 -> "syscall(SYS_faccessat2, AT_FDCWD, " + name + ", R_OK, "
          + c.pick("0", "AT_SYMLINK_NOFOLLOW", "AT_EACCESS") + ");";
      case 11 -> "syscall(SYS_readlinkat, " + c.pick("AT_FDCWD", c.fd()) + ", "
          + c.pick("\"l0\"", "\"ld\"", "\"labs\"", name) + ", B, sizeof B);";
      case 12 -> "syscall(SYS_readlink, " + c.pick("\"ld\"", "\"labs\"", name) + ", B, sizeof B);";
      case 13 -> c.pick("syscall(SYS_chmod, ", "syscall(SYS_fchmodat, AT_FDCWD, ") + name
          + ", 0666);";
      case 14 -> c.pick("syscall(SYS_chown, " + name + ", 0, 0);",
          "syscall(SYS_lchown, " + name + ", 0, 0);",
          "syscall(SYS_fchownat, AT_FDCWD, " + name + ", 0, 0, AT_SYMLINK_NOFOLLOW);");
      case 15 -> "syscall(SYS_statfs, " + name + ", B);";
      case 16 -> c.pick("syscall(SYS_setxattr, " + name + ", \"user.ior\", \"v\", 1, 0);",
          "syscall(SYS_getxattr, " + name + ", \"user.ior\", B, 16);",
          "syscall(SYS_lgetxattr, " + name + ", \"user.ior\", B, 16);",
          "syscall(SYS_listxattr, " + name + ", B, 64);",
          "syscall(SYS_removexattr, " + name + ", \"user.ior\");",
          "syscall(SYS_lsetxattr, " + name + ", \"user.ior\", \"v\", 1, 0);",
          "syscall(SYS_llistxattr, " + name + ", B, 64);",
          "syscall(SYS_lremovexattr, " + name + ", \"user.ior\");");
      case 17 -> c.pick("syscall(SYS_mknodat, AT_FDCWD, \"p0\", S_IFIFO|0644, 0);",
          "syscall(SYS_mknod, \"d0/p1\", S_IFIFO|0644, 0);");
      case 18 -> c.pick("syscall(SYS_utimes, ", "syscall(SYS_utime, ") + name + ", NULL);";
      case 19 -> "syscall(SYS_futimesat, " + c.pick("AT_FDCWD", c.fd()) + ", " + name
          + ", NULL);";
      // The handle opened again (a file server's way): the new fd is the file, not the mount's.
      default -> "{ struct { unsigned hb; int ht; unsigned char h[128]; } fh = {128, 0, {0}};"
          + " int mid; if (syscall(SYS_name_to_handle_at, AT_FDCWD, " + name
          + ", &fh, &mid, 0) == 0) { int m = (int) syscall(SYS_open, \".\", O_RDONLY); "
          + c.slot() + " = (int) syscall(SYS_open_by_handle_at, m, &fh, O_RDWR); "
          + "syscall(SYS_close, m); } }";
    };
    return Step.of(Kind.META, code);
  }

  static Step dir(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(4)) {
      case 0 -> "syscall(SYS_mkdir, " + c.pick("\"n0\"", "\"d0\"", "\"d0/n1\"") + ", 0755);";
      case 1 -> "syscall(SYS_rmdir, " + c.pick("\"d1\"", "\"n0\"", "\"f0\"") + ");";
      case 2 -> a + " = (int) syscall(SYS_open, " + c.pick("\".\"", "\"d0\"", "\"f0\"")
          + ", O_RDONLY|O_DIRECTORY);\nsyscall(SYS_getdents64, " + a + ", B, sizeof B);";
      default -> "syscall(SYS_getdents64, " + c.fd() + ", B, sizeof B);";
    };
    return Step.of(Kind.DIR, code);
  }

  static Step sync(Choice c) {
    String fd = c.fd();
    String code = switch (c.nextInt(4)) {
      case 0 -> "syscall(SYS_fsync, " + fd + ");";
      case 1 -> "syscall(SYS_fdatasync, " + fd + ");";
      case 2 -> "syscall(SYS_sync_file_range, " + fd + ", 0, 0, SYNC_FILE_RANGE_WRITE);";
      default -> "syscall(SYS_syncfs, " + fd + ");";
    };
    return Step.of(Kind.SYNC, code);
  }

  static Step mmap(Choice c) {
    String a = c.slot();
    String code = c.chance(60)
        ? a + " = (int) syscall(SYS_open, " + c.pick("\"f0\"", "\"f2\"", "\"n1\"")
            + ", O_RDWR|O_CREAT, 0644);\nsyscall(SYS_ftruncate, " + a + ", 65536);\n{\n"
            + "  char *m = (char *) syscall(SYS_mmap, NULL, 65536, PROT_READ|PROT_WRITE, MAP_SHARED, "
            + a + ", 0);\n  if (m != MAP_FAILED) {\n    memset(m, 'm', 65536);\n"
            + "    syscall(SYS_msync, m, 65536, MS_SYNC);\n    syscall(SYS_munmap, m, 65536);\n  }\n}"
        : "{\n  char *m = (char *) syscall(SYS_mmap, NULL, 4096, PROT_READ, "
            + c.pick("MAP_PRIVATE", "MAP_SHARED") + ", " + c.fd() + ", 0);\n"
            + "  if (m != MAP_FAILED) syscall(SYS_munmap, m, 4096);\n}";
    return Step.of(Kind.MMAP, code);
  }

  /**
   * A memfd, or now and then a memfd_secret: a pseudo file too ("/secretmem (deleted)"), whose
   * inode keeps its link; ENOSYS where the kernel was booted without secretmem.
   */
  static Step memfd(Choice c) {
    String a = c.slot();
    String create = c.chance(25) ? "syscall(SYS_memfd_secret, 0)"
        : "syscall(SYS_memfd_create, " + c.pick("\"m\"", "\"with space\"", "\"d/x\"") + ", "
            + c.pick("0", "MFD_CLOEXEC", "MFD_ALLOW_SEALING") + ")";
    return Step.of(Kind.MEMFD, a + " = (int) " + create + ";\nsyscall(SYS_ftruncate, " + a
        + ", 4096);\n" + write(a));
  }

  /** Names as C literals holding bytes both tracers must escape: controls, quotes, '>' and
   *  '<' (strace's decoration brackets), a backslash, bytes that are not UTF-8, UTF-8. */
  private static final String[] ODD_NAMES = {"\"sp ace\"", "\"nl\\nx\"", "\"bs\\\\x\"",
      "\"gt>x<y\"", "\"\\xff\\xfe\"", "\"q\\\"x\"", "\"t\\tx\"", "\"uni\\xc3\\xa9\"",
      "\"d0/ (deleted)\"", "\"pipe:[1]\"", "\"\\x1b[31mred\""};

  /** A file with an odd name: created (or opened) and written; a second one stat'ed. */
  static Step oddName(Choice c) {
    String a = c.slot();
    String name = c.pick(ODD_NAMES);
    return Step.of(Kind.ODD_NAME, a + " = (int) syscall(SYS_open, " + name
        + ", O_RDWR|O_CREAT, 0644);\n" + write(a) + "\n{ struct stat st; syscall(SYS_newfstatat, "
        + "AT_FDCWD, " + c.pick(ODD_NAMES) + ", &st, 0); }");
  }

  /** A file below a chain of long directory names (its name 500-4500 bytes long), or below
   *  100-1900 levels of one-byte names (deeper than any fixed walk of a few hundred steps). */
  static Step longPath(Choice c) {
    String a = c.slot();
    boolean deep = c.nextInt(2) == 0;
    int depth = deep ? 100 + c.nextInt(1800) : 2 + c.nextInt(16);
    int len = deep ? 1 : 200 + c.nextInt(55);
    return Step.of(Kind.LONG_PATH, "{\n  char n[256];\n  memset(n, 'L', " + len + ");\n  n[" + len
        + "] = 0;\n  int d = (int) syscall(SYS_open, \".\", O_RDONLY|O_DIRECTORY);\n  for (int i = 0; i < "
        + depth + "; i++) {\n    syscall(SYS_mkdirat, d, n, 0755);\n"
        + "    int e = (int) syscall(SYS_openat, d, n, O_RDONLY|O_DIRECTORY);\n"
        + "    syscall(SYS_close, d);\n    d = e;\n  }\n  " + a
        + " = (int) syscall(SYS_openat, d, \"deep\", O_RDWR|O_CREAT, 0644);\n  " + write(a)
        + "\n  syscall(SYS_close, d);\n}");
  }

  static Step inherited(Choice c) {
    String fd = c.pick("0", "1", "2", "5", "6");
    String code = switch (c.nextInt(4)) {
      case 0 -> ioCall(c, fd);
      case 1 -> c.slot() + " = (int) syscall(SYS_dup, " + fd + ");\n" + write(fd);
      case 2 -> "syscall(SYS_close, " + fd + ");\n" + write(fd);
      default -> "syscall(SYS_dup2, " + c.fd() + ", " + fd + ");\n" + write(fd);
    };
    return Step.of(Kind.INHERITED, code);
  }
}
