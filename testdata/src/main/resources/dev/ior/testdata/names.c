// SPDX-License-Identifier: Apache-2.0
/*
 * iornames: the kinds of file names tracers get wrong (issue 18), each a mode whose right answer is
 * what strace -f -y prints (it reads /proc/PID/fd at each call). Write sizes tell the calls apart.
 *
 *   rotate DIR      app.log written (1), renamed to app.log.1, a new app.log; old fd writes 2, new 3;
 *                   then the working directory is renamed (d -> d2) and a file in it written (4)
 *   deleted DIR     db written (1), unlinked, re-created; old fd writes 2 ("db (deleted)"), new 3
 *   tmpfile DIR     O_TMPFILE in DIR written (5), linkat(fd, "", AT_EMPTY_PATH) to DIR/kept, then 6
 *   magic DIR       DIR/target opened, and opened again as /proc/self/fd/N (writes 2) and /dev/fd/N
 *                   (3); a pipe's write end through /proc/self/fd (4); a child writes 5 to the
 *                   descriptor opened by the link string
 *   anon            eventfd (write 8), timerfd, signalfd, epoll, inotify, pidfd, /proc/self/ns/net:
 *                   a read of 0 bytes (or EINVAL/EAGAIN) on each, in that order
 *   seccomp DIR     DIR/data written (1), then a seccomp filter refuses fsync and unlink (EPERM)
 *   clonefiles DIR  clone(CLONE_FILES) child closes fd of DIR/shared; the parent's read is EBADF;
 *                   the parent opens DIR/second (same number) and writes 1
 *   restart         read of a pipe interrupted by SIGALRM with SA_RESTART (the handler writes 1 to
 *                   the pipe): restarted; then by one without SA_RESTART: EINTR
 *   chroot DIR      chroot(DIR), then /inner opened and written (7): the host's name is DIR/inner
 *   mmap DIR        DIR/mapped mapped shared and 64 KiB written through the mapping, msync, munmap
 *   pseudo          a memfd named "ior" (write 3), then memfd_secret's file (a read of 0 bytes,
 *                   EINVAL); prints "no secretmem" where the kernel has none (ENOSYS)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[65536];

static int rotate(void)
{
	int a = open("app.log", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(a, buf, 1);
	rename("app.log", "app.log.1");
	int b = open("app.log", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(a, buf, 2);
	write(b, buf, 3);
	mkdir("d", 0755);
	chdir("d");
	rename("../d", "../d2");
	int c = open("in-moved-dir", O_CREAT | O_WRONLY, 0644);
	write(c, buf, 4);
	return 0;
}

static int deleted(void)
{
	int a = open("db", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(a, buf, 1);
	unlink("db");
	int b = open("db", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(a, buf, 2);
	write(b, buf, 3);
	return 0;
}

static int tmpfile_case(void)
{
	int t = open(".", O_TMPFILE | O_WRONLY, 0600);
	write(t, buf, 5);
	linkat(t, "", AT_FDCWD, "kept", AT_EMPTY_PATH);
	write(t, buf, 6);
	return 0;
}

static int magic(void)
{
	char p[64];
	int t = open("target", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(t, buf, 1);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", t);
	int m = open(p, O_WRONLY);
	write(m, buf, 2);
	snprintf(p, sizeof(p), "/dev/fd/%d", t);
	int d = open(p, O_WRONLY);
	write(d, buf, 3);
	int pp[2];
	pipe(pp);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", pp[1]);
	int w = open(p, O_WRONLY);
	write(w, buf, 4);
	pid_t c = fork();
	if (c == 0) {
		write(m, buf, 5);
		_exit(0);
	}
	waitpid(c, 0, 0);
	return 0;
}

static int anon(void)
{
	unsigned long long v = 1;
	int e = eventfd(0, 0);
	write(e, &v, 8);
	int tf = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	read(tf, buf, 0);
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR1);
	int sf = signalfd(-1, &ss, SFD_NONBLOCK);
	read(sf, buf, 0);
	int ep = epoll_create1(0);
	read(ep, buf, 0);
	int in = inotify_init1(IN_NONBLOCK);
	read(in, buf, 0);
	int pf = syscall(SYS_pidfd_open, getpid(), 0);
	read(pf, buf, 0);
	int ns = open("/proc/self/ns/net", O_RDONLY);
	read(ns, buf, 0);
	return 0;
}

static int pseudo(void)
{
	int m = memfd_create("ior", 0);
	write(m, "ior", 3);
	int s = syscall(SYS_memfd_secret, 0);
	if (s < 0) {
		printf("no secretmem\n");
		return 0;
	}
	read(s, buf, 0);
	return 0;
}

static int seccomp_case(void)
{
	int fd = open("data", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_fsync, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_unlink, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog prog = {sizeof(f) / sizeof(f[0]), f};
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 3;
	write(fd, buf, 1);
	if (syscall(SYS_fsync, fd) != -1 || errno != EPERM)
		return 4;
	syscall(SYS_unlink, "data");
	return 0;
}

static int close_three(void *arg)
{
	close(*(int *)arg);
	return 0;
}

static int clonefiles(void)
{
	static int fd;
	fd = open("shared", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char *stack = malloc(65536);
	pid_t c = clone(close_three, stack + 65536, CLONE_FILES | SIGCHLD, &fd);
	waitpid(c, 0, 0);
	if (read(fd, buf, 1) != -1 || errno != EBADF)
		return 5;
	int again = open("second", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(again, buf, 1);
	return again == fd ? 0 : 6;
}

static int pipefd[2];
static void refill(int s) { write(pipefd[1], buf, 1); }
static void idle(int s) { (void)getppid(); }

static int restart(void)
{
	pipe(pipefd);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = refill;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, 0);
	struct itimerval t = {{0, 0}, {0, 100000}};
	setitimer(ITIMER_REAL, &t, 0);
	if (read(pipefd[0], buf, 1) != 1)
		return 7;
	sa.sa_handler = idle;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, 0);
	setitimer(ITIMER_REAL, &t, 0);
	if (read(pipefd[0], buf, 1) != -1 || errno != EINTR)
		return 8;
	return 0;
}

static int chroot_case(const char *dir)
{
	if (chroot(dir))
		return 9;
	int fd = open("/inner", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(fd, buf, 7);
	return 0;
}

static int mmap_case(void)
{
	int fd = open("mapped", O_CREAT | O_RDWR | O_TRUNC, 0644);
	ftruncate(fd, sizeof(buf));
	char *m = mmap(0, sizeof(buf), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return 10;
	memset(m, 'm', sizeof(buf));
	msync(m, sizeof(buf), MS_SYNC);
	munmap(m, sizeof(buf));
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *mode = argv[1];
	if (argc >= 3 && strcmp(mode, "chroot") && chdir(argv[2]))
		return 2;
	if (!strcmp(mode, "rotate"))
		return rotate();
	if (!strcmp(mode, "deleted"))
		return deleted();
	if (!strcmp(mode, "tmpfile"))
		return tmpfile_case();
	if (!strcmp(mode, "magic"))
		return magic();
	if (!strcmp(mode, "anon"))
		return anon();
	if (!strcmp(mode, "seccomp"))
		return seccomp_case();
	if (!strcmp(mode, "clonefiles"))
		return clonefiles();
	if (!strcmp(mode, "restart"))
		return restart();
	if (!strcmp(mode, "chroot") && argc >= 3)
		return chroot_case(argv[2]);
	if (!strcmp(mode, "mmap"))
		return mmap_case();
	if (!strcmp(mode, "pseudo"))
		return pseudo();
	return 2;
}
