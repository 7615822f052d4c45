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
 *   iorwl mix N DIR      N iterations of openat/pwrite64/pread64/fstat/lseek/close (4 KiB),
 *                        plus fsync and rename every 100th; prints ns per syscall
 *   iorwl devnull N      N one-byte writes to /dev/null; prints ns per syscall
 *
 * With IORWL_WAIT set, waits for a line on stdin first (lets a tracer attach to a known pid).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: iorwl seq|threads|child DIR | mix N DIR | devnull N\n");
		return 2;
	}
	if (getenv("IORWL_WAIT")) {
		char line[16];
		if (!fgets(line, sizeof(line), stdin))
			return 3;
	}
	memset(buf, 'x', sizeof(buf));
	if (!strcmp(argv[1], "seq"))
		return seq(argv[2]);
	if (!strcmp(argv[1], "threads"))
		return threads(argv[2]);
	if (!strcmp(argv[1], "child"))
		return child(argv[2]);
	if (!strcmp(argv[1], "mix") && argc >= 4)
		return mix(atol(argv[2]), argv[3]);
	if (!strcmp(argv[1], "devnull"))
		return devnull(atol(argv[2]));
	fprintf(stderr, "iorwl: unknown mode %s\n", argv[1]);
	return 2;
}
