// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * Steps creating descriptors that are not files on disk: pipes, sockets, anonymous inodes,
 * pidfds, io_uring. All non-blocking, so a later read on a slot never hangs the program.
 */
final class DescriptorSteps {
  private DescriptorSteps() {}

  static Step pipe(Choice c) {
    String a = c.slot();
    String b = c.slot();
    String code = switch (c.nextInt(3)) {
      case 0 -> "{ int p[2]; if (syscall(SYS_pipe2, p, O_NONBLOCK) == 0) { " + a + " = p[0]; " + b
          + " = p[1]; } }";
      case 1 -> "{ int p[2]; if (syscall(SYS_pipe, p) == 0) { fcntl(p[0], F_SETFL, O_NONBLOCK); "
          + "fcntl(p[1], F_SETFL, O_NONBLOCK); " + a + " = p[0]; " + b + " = p[1]; } }";
      default -> "{ int p[2]; if (syscall(SYS_socketpair, AF_UNIX, " + c.pick("SOCK_STREAM",
          "SOCK_DGRAM", "SOCK_SEQPACKET") + "|SOCK_NONBLOCK, 0, p) == 0) { " + a + " = p[0]; " + b
          + " = p[1]; } }";
    };
    return Step.of(Kind.PIPE, code + "\n" + FileSteps.write(b) + "\nsyscall(SYS_read, " + a
        + ", B, 1);");
  }

  static Step scmRights(Choice c) {
    String a = c.slot();
    return Step.of(Kind.SCM_RIGHTS, a + " = pass_fd(" + c.fd() + ");\n" + FileSteps.write(a));
  }

  static Step anon(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(12)) {
      case 0 -> a + " = (int) syscall(SYS_eventfd2, 0, EFD_NONBLOCK);\n"
          + "{ uint64_t v = 1; syscall(SYS_write, " + a + ", &v, 8); }";
      case 1 -> a + " = (int) syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK);\n"
          + "syscall(SYS_read, " + a + ", B, 8);";
      case 2 -> "{ sigset_t m; sigemptyset(&m); sigaddset(&m, SIGUSR2); " + a
          + " = (int) syscall(SYS_signalfd4, -1, &m, 8, SFD_NONBLOCK); }\nsyscall(SYS_read, " + a
          + ", B, 128);";
      case 3 -> a + " = (int) syscall(SYS_epoll_create1, 0);\n"
          + "{ struct epoll_event e = {.events = EPOLLIN}; syscall(SYS_epoll_ctl, " + a
          + ", EPOLL_CTL_ADD, " + c.fd() + ", &e); }";
      case 4 -> a + " = (int) syscall(SYS_inotify_init1, IN_NONBLOCK);\n"
          + "syscall(SYS_inotify_add_watch, " + a + ", \".\", IN_ALL_EVENTS);\nsyscall(SYS_read, "
          + a + ", B, sizeof B);";
      // fanotify's events carry descriptors the read itself puts in the reader's table.
      case 5 -> a + " = (int) syscall(SYS_fanotify_init, FAN_CLASS_NOTIF|FAN_NONBLOCK, O_RDWR);\n"
          + "syscall(SYS_fanotify_mark, " + a + ", FAN_MARK_ADD, "
          + "FAN_OPEN|FAN_CLOSE_WRITE|FAN_EVENT_ON_CHILD, AT_FDCWD, " + c.pick("\".\"", "\"d0\"", "\"ld\"") + ");\n"
          + "syscall(SYS_close, (int) syscall(SYS_open, " + c.pick("\"f0\"", "\"d0/f0\"")
          + ", O_RDWR));\nfanotify_drain(" + a + ");";
      case 6 -> a + " = (int) syscall(SYS_userfaultfd, O_NONBLOCK);";
      case 7 -> "{ struct perf_event_attr pa = {.type = PERF_TYPE_SOFTWARE, .size = sizeof pa,"
          + " .config = PERF_COUNT_SW_CPU_CLOCK, .disabled = 1}; " + a
          + " = (int) syscall(SYS_perf_event_open, &pa, 0, -1, -1, 0); }";
      case 8 -> "{ unsigned int at[32] = {2, 4, 4, 1}; " + a
          + " = (int) syscall(SYS_bpf, 0, at, sizeof at); }"; // BPF_MAP_CREATE, an array
      case 9 -> "{ unsigned long long la = 1; " + a
          + " = (int) syscall(SYS_landlock_create_ruleset, &la, sizeof la, 0); }";
      case 10 -> a + " = (int) syscall(SYS_fsopen, \"tmpfs\", 0);";
      default -> a + " = (int) syscall(SYS_open_tree, AT_FDCWD, " + c.pick("\"d0\"", "\"f1\"")
          + ", " + c.pick("1", "0") + ");"; // OPEN_TREE_CLONE: a detached copy, named "/"
    };
    return Step.of(Kind.ANON, code + "\n" + FileSteps.write(a));
  }

  static Step pidfd(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(3)) {
      case 0 -> a + " = (int) syscall(SYS_pidfd_open, getpid(), 0);";
      case 1 -> "{\n  pid_t k = fork();\n  if (k == 0) { usleep(20000); _exit(0); }\n  " + a
          + " = (int) syscall(SYS_pidfd_open, k, 0);\n  child_wait(k);\n}";
      default -> "{\n  int p = (int) syscall(SYS_pidfd_open, getpid(), 0);\n  " + a
          + " = (int) syscall(SYS_pidfd_getfd, p, " + c.fd() + ", 0);\n  syscall(SYS_close, p);\n}";
    };
    return Step.of(Kind.PIDFD, code + "\n" + FileSteps.write(a));
  }

  static Step socket(Choice c) {
    String a = c.slot();
    String code = "{\n  struct sockaddr_un u = {.sun_family = AF_UNIX};\n"
        + "  strcpy(u.sun_path, \"sock\");\n"
        + "  int l = (int) syscall(SYS_socket, AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK, 0);\n"
        + "  syscall(SYS_bind, l, &u, sizeof u);\n  syscall(SYS_listen, l, 4);\n"
        + "  int k = (int) syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);\n"
        + "  syscall(SYS_connect, k, &u, sizeof u);\n  " + a
        + " = (int) syscall(SYS_accept4, l, NULL, NULL, SOCK_NONBLOCK);\n  "
        + FileSteps.write("k") + "\n  syscall(SYS_read, " + a + ", B, 1);\n"
        + "  syscall(SYS_close, " + c.pick("k", "l") + ");\n}";
    return Step.of(Kind.SOCKET, code + "\n" + FileSteps.write(a));
  }

  /**
   * An io_uring instance's descriptor; or a file opened, or a descriptor closed, by an io_uring
   * request: no openat or close syscall, so only the kernel's table tells the next call's file.
   */
  static Step iouring(Choice c) {
    String a = c.slot();
    String code = switch (c.nextInt(3)) {
      case 0 -> "{ struct io_uring_params q; memset(&q, 0, sizeof q); " + a
          + " = (int) syscall(SYS_io_uring_setup, 4, &q); }";
      case 1 -> a + " = uring_call(" + c.pick(c.file(), c.oddFile()) + ", -1);";
      default -> "uring_call(NULL, " + c.fd() + ");";
    };
    return Step.of(Kind.IOURING, code + "\n" + FileSteps.write(a));
  }
}
