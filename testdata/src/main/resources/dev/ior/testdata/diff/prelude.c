// SPDX-License-Identifier: Apache-2.0
// The fixed part of every program the differential generator writes (dev.ior.testdata.diff).
// Generated steps use only what is declared here: fd slots F[0..7] (-1 = empty), a scratch
// buffer, and helpers. Everything before mark() is setup that neither tracer's comparison
// sees; mark() is an openat of a path that cannot exist, the start line both traces are cut at.
// Built static (gcc -static): no dynamic loader calls, and the same binary can re-exec itself
// ("after" mode: write one byte to fds 0..15, showing which descriptors survived an exec).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int F[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
static char B[4096];
static char CWD[512];
static char *SELF;
static char P[1024];

static void mark(const char *seed) {
  char m[128];
  snprintf(m, sizeof m, "/ior-diff-marker/%s", seed);
  syscall(SYS_openat, AT_FDCWD, m, O_RDONLY);
}

// One byte to each of fds 0..15, then exit: what an exec'd image sees of its fd table.
static int after_exec(void) {
  for (int fd = 3; fd < 16; fd++) {
    syscall(SYS_write, fd, "e", 1);
  }
  return 0;
}

// Re-exec this program in "after" mode from the calling thread.
static void reexec(void) {
  char *argv[] = {SELF, "after", NULL};
  char *envp[] = {NULL};
  syscall(SYS_execve, "/proc/self/exe", argv, envp);
  _exit(127);
}

static void child_wait(pid_t c) {
  if (c > 0) {
    waitpid(c, NULL, __WALL);
  }
}

static int make_files(void) {
  // The working directory (set by the shell that started us) gets a fixed small tree.
  static const char *dirs[] = {"d0", "d1", "r", "r/sub"};
  static const char *files[] = {"f0", "f1", "f2", "d0/f0", "d1/f1", "r/f0", "r/sub/f1"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    mkdir(dirs[i], 0755);
  }
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    int fd = open(files[i], O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) {
      return -1;
    }
    memset(B, 'a' + (int) i, 256);
    if (write(fd, B, 256) != 256) {
      return -1;
    }
    close(fd);
  }
  symlink("f0", "l0");
  symlink("d0", "ld");
  if (getcwd(CWD, sizeof CWD) == NULL) {
    return -1;
  }
  // An absolute link to a file of the program's own: steps open, write, truncate and chmod
  // through it (it was /etc/hostname, which the runs as root filled with their bytes).
  snprintf(P, sizeof P, "%s/f2", CWD);
  symlink(P, "labs");
  return 0;
}

// A filter refusing syscall nr with errno err (SECCOMP_RET_ERRNO), everything else allowed.
static void refuse(int nr, int err) {
  struct sock_filter f[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned) nr, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {.len = 4, .filter = f};
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

// Passes fd over a socketpair with SCM_RIGHTS and returns the received copy (or -1).
static int pass_fd(int fd) {
  int sp[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sp) < 0) {
    return -1;
  }
  char c = 'x';
  struct iovec iov = {.iov_base = &c, .iov_len = 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  memset(&u, 0, sizeof u);
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                     .msg_controllen = sizeof u.buf};
  struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(cm), &fd, sizeof fd);
  syscall(SYS_sendmsg, sp[0], &m, 0);
  memset(&u, 0, sizeof u);
  m.msg_controllen = sizeof u.buf;
  int got = -1;
  if (syscall(SYS_recvmsg, sp[1], &m, MSG_DONTWAIT) >= 0) {
    cm = CMSG_FIRSTHDR(&m);
    if (cm != NULL && cm->cmsg_type == SCM_RIGHTS) {
      memcpy(&got, CMSG_DATA(cm), sizeof got);
    }
  }
  close(sp[0]);
  close(sp[1]);
  return got;
}

static volatile sig_atomic_t HANDLED;
static void on_signal(int sig) {
  (void) sig;
  HANDLED++;
  syscall(SYS_write, 1, "h", 1); // a traced call from inside the handler
}

// A blocking read on a fresh pipe, interrupted by SIGALRM from a timer armed just before it
// (200 ms; setitimer is not traced), so the read is certainly blocked when the signal comes; a
// child writes one byte after 600 ms. With SA_RESTART the read is restarted and returns 1,
// without it the program sees EINTR.
static void interrupted_read(int restart) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = restart ? SA_RESTART : 0;
  sigaction(SIGALRM, &sa, NULL);
  int p[2];
  if (pipe(p) < 0) {
    return;
  }
  pid_t c = fork();
  if (c == 0) {
    usleep(600000);
    syscall(SYS_write, p[1], "x", 1);
    _exit(0);
  }
  struct itimerval t = {.it_value = {.tv_sec = 0, .tv_usec = 200000}};
  setitimer(ITIMER_REAL, &t, NULL);
  syscall(SYS_read, p[0], B, 1);
  child_wait(c);
  close(p[0]);
  close(p[1]);
}

struct thread_body {
  void (*fn)(void);
  int wait_ms;
};

static void *thread_main(void *arg) {
  struct thread_body *b = arg;
  if (b->wait_ms > 0) {
    usleep(b->wait_ms * 1000);
  }
  b->fn();
  return NULL;
}

// Reads fanotify fd a's events: each holds a descriptor of the file, new in this process's
// table; one byte is written to it (its name shows) and it is closed.
static void fanotify_drain(int a) {
  long n = syscall(SYS_read, a, B, sizeof B);
  for (long off = 0; n > 0 && off + (long) sizeof(struct fanotify_event_metadata) <= n;) {
    struct fanotify_event_metadata *m = (void *) (B + off);
    if (m->event_len < sizeof *m) break;
    if (m->fd >= 0) {
      syscall(SYS_write, m->fd, B, 1);
      syscall(SYS_close, m->fd);
    }
    off += m->event_len;
  }
}

// One io_uring request, submitted and waited for: IORING_OP_OPENAT of path (flags O_RDWR|
// O_CREAT) or, with path NULL, IORING_OP_CLOSE of fd. The kernel opens and closes without an
// openat or close syscall; the result (the new fd, or 0) is returned, -errno on failure.
static int uring_call(const char *path, int fd) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  int ring = (int) syscall(SYS_io_uring_setup, 2, &p);
  if (ring < 0) return -1;
  size_t sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
  size_t cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
  size_t rsz = sqsz > cqsz ? sqsz : cqsz;
  char *sq = mmap(NULL, rsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
      IORING_OFF_SQ_RING);
  struct io_uring_sqe *sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
  int res = -1;
  if (sq != MAP_FAILED && sqes != MAP_FAILED && (p.features & IORING_FEAT_SINGLE_MMAP)) {
    unsigned *tail = (unsigned *) (sq + p.sq_off.tail);
    unsigned mask = *(unsigned *) (sq + p.sq_off.ring_mask);
    struct io_uring_sqe *e = &sqes[0];
    memset(e, 0, sizeof *e);
    if (path) {
      e->opcode = IORING_OP_OPENAT;
      e->fd = AT_FDCWD;
      e->addr = (unsigned long) path;
      e->open_flags = O_RDWR | O_CREAT;
      e->len = 0644;
    } else {
      e->opcode = IORING_OP_CLOSE;
      e->fd = fd;
    }
    ((unsigned *) (sq + p.sq_off.array))[*tail & mask] = 0;
    __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
    if (syscall(SYS_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) == 1) {
      unsigned head = __atomic_load_n((unsigned *) (sq + p.cq_off.head), __ATOMIC_ACQUIRE);
      unsigned cmask = *(unsigned *) (sq + p.cq_off.ring_mask);
      res = ((struct io_uring_cqe *) (sq + p.cq_off.cqes))[head & cmask].res;
    }
  }
  if (sqes != MAP_FAILED) munmap(sqes, p.sq_entries * sizeof(struct io_uring_sqe));
  if (sq != MAP_FAILED) munmap(sq, rsz);
  syscall(SYS_close, ring);
  return res;
}

// Runs fn on a new thread and joins it.
static void in_thread(void (*fn)(void)) {
  static struct thread_body b;
  b.fn = fn;
  b.wait_ms = 0;
  pthread_t t;
  if (pthread_create(&t, NULL, thread_main, &b) == 0) {
    pthread_join(t, NULL);
  }
}

// In a forked child: starts fn on a thread after 50 ms, and the leader exits first.
static void leader_exits_first(void (*fn)(void)) {
  pid_t c = fork();
  if (c == 0) {
    static struct thread_body b;
    b.fn = fn;
    b.wait_ms = 50;
    pthread_t t;
    pthread_create(&t, NULL, thread_main, &b);
    syscall(SYS_exit, 0); // the leader thread only; the process lives on in t
  }
  child_wait(c);
}

static void exec_body(void) { reexec(); }

// In a forked child: a non-leader thread execs while the leader waits in pthread_join.
static void exec_from_thread(void) {
  pid_t c = fork();
  if (c == 0) {
    static struct thread_body b;
    b.fn = exec_body;
    b.wait_ms = 0;
    pthread_t t;
    pthread_create(&t, NULL, thread_main, &b);
    pthread_join(t, NULL);
    _exit(0);
  }
  child_wait(c);
}

static char STACK[256 * 1024] __attribute__((aligned(16)));

// clone(2) with flags (plus SIGCHLD) running fn in the child; waits for it.
static void cloned(int flags, int (*fn)(void *)) {
  pid_t c = clone(fn, STACK + sizeof STACK, flags | SIGCHLD, NULL);
  child_wait(c);
}
