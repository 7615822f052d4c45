// SPDX-License-Identifier: Apache-2.0
/*
 * iorwl: workloads with exactly known file-I/O syscalls, for ior's end-to-end tests and
 * overhead benchmark. Every call goes through syscall(2) so that the traced set is exact (libc
 * would pick openat for open, and so on). The comm always contains "iorwl".
 *
 *   iorwl seq DIR        the sequence the end-to-end test asserts call by call
 *   iorwl threads DIR    two threads (comms iorwl-t1, iorwl-t2), 10 writes of 1000 bytes each
 *   iorwl child DIR      parent opens a file, forks; the child (iorwl-child) writes to the
 *                        inherited fd, then opens and writes its own file
 *   iorwl spawn DIR      opens spawn.txt, writes 5 bytes, forks; the child execs
 *                        "iorwl threads DIR" (a third program image); the parent waits for it,
 *                        writes 6 bytes and closes
 *   iorwl forkwrite N DIR  opens forkwrite.txt, then N times: fork, and the child's very first
 *                        syscall is a 3-byte write to the inherited fd, then _exit
 *   iorwl mix N DIR      N iterations of openat/pwrite64/pread64/fstat/lseek/close (4 KiB),
 *                        plus fsync and rename every 100th; prints ns per syscall
 *   iorwl devnull N      N one-byte writes to /dev/null; prints ns per syscall
 *
 * Cases tracers get wrong (each names the right answer in ior's end-to-end tests):
 *   iorwl hello          one write(1, "hello\n", 6) and exit: run it as sh -c 'iorwl hello > F'
 *   iorwl chdir B        opens data.txt of the cwd, chdirs to B, opens data.txt again
 *   iorwl untouched DIR  opens DIR/target.txt through a path in a page never touched before (a
 *                        private file mapping), then reads it
 *   iorwl renamed DIR    main writes DIR/renamed.txt once; a thread renamed "worker" writes 3 times
 *   iorwl mainexit DIR   main opens DIR/late.txt and pthread_exits; a worker then writes to it
 *   iorwl longpath DIR N creates directories under DIR so that the file's path is N bytes,
 *                        then opens, writes and closes it; prints the path
 *   iorwl int80 DIR      open/write/close of DIR/compat.txt through int $0x80 (ia32 syscalls)
 *   iorwl burst N DIR    N rounds of write(3, 1 byte) and write(4, 2 bytes), DIR/one and DIR/two
 *   iorwl forkreuse DIR  opens DIR/first.txt, forks; the parent at once closes it and opens
 *                        DIR/second.txt under the same number; the child then writes 5 bytes
 *                        to its inherited descriptor (first.txt), the parent 6 to second.txt
 *
 * With IORWL_WAIT set, waits for a line on stdin first (lets a tracer attach to a known pid, or
 * a test move it into a cgroup); what it execs does not wait.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

static char buf[8192];
static char path[4096];

static const char *at(const char *dir, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static long sys_open(const char *p, int flags, int mode) { return syscall(SYS_open, p, flags, mode); }

static int seq(const char *dir)
{
	char a[4096], b[4096];
	snprintf(a, sizeof(a), "%s/a.txt", dir);
	snprintf(b, sizeof(b), "%s/b.txt", dir);
	long fd1 = sys_open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, fd1, buf, 100);
	syscall(SYS_pwrite64, fd1, buf, 200, 1000);
	syscall(SYS_fsync, fd1);
	long fd2 = syscall(SYS_fcntl, fd1, F_DUPFD, 10);
	syscall(SYS_write, fd2, buf, 10);
	syscall(SYS_dup2, fd1, 20);
	syscall(SYS_write, 20, buf, 20);
	syscall(SYS_dup3, fd1, 21, O_CLOEXEC);
	syscall(SYS_write, 21, buf, 21);
	syscall(SYS_close, fd1);
	long dirfd = sys_open(dir, O_RDONLY | O_DIRECTORY, 0);
	long fd3 = syscall(SYS_openat, dirfd, "a.txt", O_RDONLY);
	syscall(SYS_read, fd3, buf, 50);
	syscall(SYS_pread64, fd3, buf, 60, 1000);
	syscall(SYS_rename, a, b);
	syscall(SYS_unlink, b);
	sys_open(at(dir, "missing"), O_RDONLY, 0);
	syscall(SYS_close_range, fd2, 21, 0);
	syscall(SYS_write, 20, buf, 1);
	syscall(SYS_close, fd3);
	syscall(SYS_close, dirfd);
	return 0;
}

struct targ { const char *dir; const char *name; const char *comm; };

static void *writer(void *p)
{
	struct targ *t = p;
	char f[4096];
	prctl(PR_SET_NAME, t->comm);
	snprintf(f, sizeof(f), "%s/%s", t->dir, t->name);
	long fd = sys_open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (int i = 0; i < 10; i++)
		syscall(SYS_write, fd, buf, 1000);
	syscall(SYS_close, fd);
	return NULL;
}

static int threads(const char *dir)
{
	pthread_t t1, t2;
	struct targ a1 = {dir, "t1.dat", "iorwl-t1"}, a2 = {dir, "t2.dat", "iorwl-t2"};
	pthread_create(&t1, NULL, writer, &a1);
	pthread_join(t1, NULL);
	pthread_create(&t2, NULL, writer, &a2);
	pthread_join(t2, NULL);
	return 0;
}

static int child(const char *dir)
{
	long fd = sys_open(at(dir, "parent.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, fd, buf, 7);
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NAME, "iorwl-child");
		syscall(SYS_write, fd, buf, 11);
		long own = sys_open(at(dir, "child.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		syscall(SYS_write, own, buf, 13);
		syscall(SYS_close, own);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	syscall(SYS_write, fd, buf, 5);
	syscall(SYS_close, fd);
	return 0;
}

static int spawn(const char *dir)
{
	/* exec by the binary's real path: a process exec'd through /proc/self/exe is named "exe" */
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return 1;
	self[n] = 0;
	long fd = sys_open(at(dir, "spawn.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, fd, buf, 5);
	pid_t pid = fork();
	if (pid == 0) {
		syscall(SYS_close, fd);
		execl(self, "iorwl", "threads", dir, (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	syscall(SYS_write, fd, buf, 6);
	syscall(SYS_close, fd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int forkwrite(long n, const char *dir)
{
	long fd = sys_open(at(dir, "forkwrite.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			syscall(SYS_write, fd, buf, 3); /* the child's first syscall */
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
	}
	syscall(SYS_close, fd);
	return 0;
}

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int mix(long n, const char *dir)
{
	char f[4096], g[4096];
	struct stat st;
	snprintf(f, sizeof(f), "%s/iorwl-mix.dat", dir);
	snprintf(g, sizeof(g), "%s/iorwl-mix.renamed", dir);
	long calls = 0;
	long long t0 = now_ns();
	for (long i = 0; i < n; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, f, O_RDWR | O_CREAT, 0644);
		off_t off = (i % 256) * 4096;
		syscall(SYS_pwrite64, fd, buf, 4096, off);
		syscall(SYS_pread64, fd, buf, 4096, off);
		syscall(SYS_fstat, fd, &st);
		syscall(SYS_lseek, fd, 0, SEEK_SET);
		calls += 5;
		if (i % 100 == 99) {
			syscall(SYS_fsync, fd);
			calls++;
		}
		syscall(SYS_close, fd);
		calls++;
		if (i % 100 == 99) {
			syscall(SYS_rename, f, g);
			syscall(SYS_rename, g, f);
			calls += 2;
		}
	}
	long long t = now_ns() - t0;
	syscall(SYS_unlink, f);
	printf("syscalls %ld ns_per_syscall %.1f\n", calls, (double)t / calls);
	return 0;
}

static int devnull(long n)
{
	long fd = sys_open("/dev/null", O_WRONLY, 0);
	long long t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_write, fd, buf, 1);
	long long t = now_ns() - t0;
	syscall(SYS_close, fd);
	printf("syscalls %ld ns_per_syscall %.1f\n", n, (double)t / n);
	return 0;
}

static int hello(void)
{
	return syscall(SYS_write, 1, "hello\n", 6) == 6 ? 0 : 1;
}

static int chdir_case(const char *b)
{
	long fd1 = syscall(SYS_openat, AT_FDCWD, "data.txt", O_RDONLY);
	syscall(SYS_chdir, b);
	long fd2 = syscall(SYS_openat, AT_FDCWD, "data.txt", O_RDONLY);
	return fd1 >= 0 && fd2 >= 0 ? 0 : 1;
}

/* The path's bytes sit in a private file mapping nothing has touched: the first access to it is
 * the kernel's own copy inside open, after the tracer read (and failed to read) the argument. */
static int untouched(const char *dir)
{
	char pathfile[4096];
	snprintf(pathfile, sizeof(pathfile), "%s/path.bin", dir);
	long pf = sys_open(pathfile, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char target[4096];
	int n = snprintf(target, sizeof(target), "%s/target.txt", dir);
	syscall(SYS_write, pf, target, n + 1);
	long t = sys_open(target, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, t, "hello\n", 6);
	syscall(SYS_close, t);
	posix_fadvise(pf, 0, 0, POSIX_FADV_DONTNEED);
	char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, pf, 0);
	if (p == MAP_FAILED)
		return 1;
	long fd = syscall(SYS_open, p, O_RDONLY, 0);
	syscall(SYS_read, fd, buf, 16);
	return fd >= 0 ? 0 : 1;
}

static long shared_fd;

static void *renamed_worker(void *arg)
{
	prctl(PR_SET_NAME, "worker");
	for (int i = 0; i < 3; i++)
		syscall(SYS_write, shared_fd, "w\n", 2);
	return arg;
}

static int renamed(const char *dir)
{
	pthread_t t;
	shared_fd = sys_open(at(dir, "renamed.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, shared_fd, "m\n", 2);
	pthread_create(&t, NULL, renamed_worker, NULL);
	pthread_join(t, NULL);
	return 0;
}

static void *late_worker(void *arg)
{
	usleep(200000);
	syscall(SYS_write, shared_fd, "late", 4);
	_exit(0);
	return arg;
}

static int mainexit(const char *dir)
{
	pthread_t t;
	shared_fd = sys_open(at(dir, "late.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pthread_create(&t, NULL, late_worker, NULL);
	pthread_exit(NULL);
}

static int longpath(const char *dir, long n)
{
	char p[4096];
	int len = snprintf(p, sizeof(p), "%s", dir);
	/* directories of up to 200 bytes, then a file name filling the rest to exactly n bytes */
	while (n - len > 1 + 255) {
		int d = n - len - 1 - 200 > 16 ? 200 : (int)(n - len - 1 - 20);
		p[len++] = '/';
		memset(p + len, 'd', d);
		len += d;
		p[len] = 0;
		syscall(SYS_mkdir, p, 0755);
	}
	p[len++] = '/';
	memset(p + len, 'f', n - len);
	len = n;
	p[len] = 0;
	long fd = sys_open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, fd, "long", 4);
	syscall(SYS_close, fd);
	printf("%s\n", p);
	return fd >= 0 ? 0 : 1;
}

static long int80(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

/* ia32 syscalls take 32-bit pointers: the strings live in a page mapped below 2 GiB. */
static int compat(const char *dir)
{
	char *low = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
			 -1, 0);
	if (low == MAP_FAILED)
		return 1;
	snprintf(low, 4096, "%s/compat.txt", dir);
	memcpy(low + 4096, "compat", 6);
	long fd = int80(5 /* open */, (long)low, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int80(4 /* write */, fd, (long)(low + 4096), 6);
	int80(6 /* close */, fd, 0, 0);
	return fd >= 0 ? 0 : 1;
}

static int burst(long n, const char *dir)
{
	/* fds 3 and 4 exactly: the test asserts which return value belongs to which fd */
	long one = sys_open(at(dir, "one"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long two = sys_open(at(dir, "two"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (one != 3 || two != 4)
		return 1;
	for (long i = 0; i < n; i++) {
		syscall(SYS_write, 3, buf, 1);
		syscall(SYS_write, 4, buf, 2);
	}
	return 0;
}

static int forkreuse(const char *dir)
{
	long fd = sys_open(at(dir, "first.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		syscall(SYS_write, fd, buf, 5);
		_exit(0);
	}
	syscall(SYS_close, fd);
	long again = sys_open(at(dir, "second.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_write, again, buf, 6);
	int st;
	waitpid(pid, &st, 0);
	return again == fd ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (getenv("IORWL_WAIT")) {
		char line[16];
		if (!fgets(line, sizeof(line), stdin))
			return 3;
		unsetenv("IORWL_WAIT"); /* not for the programs it execs */
	}
	if (argc == 2 && !strcmp(argv[1], "hello"))
		return hello();
	if (argc < 3) {
		fprintf(stderr, "usage: iorwl seq|threads|child|spawn|untouched|renamed|mainexit|int80 DIR"
			" | chdir B | hello | mix N DIR | burst N DIR | forkwrite N DIR | longpath DIR N"
			" | devnull N\n");
		return 2;
	}
	memset(buf, 'x', sizeof(buf));
	if (!strcmp(argv[1], "seq"))
		return seq(argv[2]);
	if (!strcmp(argv[1], "threads"))
		return threads(argv[2]);
	if (!strcmp(argv[1], "child"))
		return child(argv[2]);
	if (!strcmp(argv[1], "spawn"))
		return spawn(argv[2]);
	if (!strcmp(argv[1], "forkwrite") && argc >= 4)
		return forkwrite(atol(argv[2]), argv[3]);
	if (!strcmp(argv[1], "mix") && argc >= 4)
		return mix(atol(argv[2]), argv[3]);
	if (!strcmp(argv[1], "devnull"))
		return devnull(atol(argv[2]));
	if (!strcmp(argv[1], "chdir"))
		return chdir_case(argv[2]);
	if (!strcmp(argv[1], "untouched"))
		return untouched(argv[2]);
	if (!strcmp(argv[1], "renamed"))
		return renamed(argv[2]);
	if (!strcmp(argv[1], "mainexit"))
		return mainexit(argv[2]);
	if (!strcmp(argv[1], "longpath") && argc >= 4)
		return longpath(argv[2], atol(argv[3]));
	if (!strcmp(argv[1], "int80"))
		return compat(argv[2]);
	if (!strcmp(argv[1], "forkreuse"))
		return forkreuse(argv[2]);
	if (!strcmp(argv[1], "burst") && argc >= 4)
		return burst(atol(argv[2]), argv[3]);
	fprintf(stderr, "iorwl: unknown mode %s\n", argv[1]);
	return 2;
}
