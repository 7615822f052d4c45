// SPDX-License-Identifier: Apache-2.0
/*
 * kbench: the run time of several tracers' syscall programs per 1-byte write to /dev/null, many
 * short samples each, for scripts/bench-kernel.sh -t. Every tracer is already attached (ceiling)
 * and follows a comm of its own; kbench renames itself to one tracer's comm (prctl PR_SET_NAME),
 * makes N writes and reads what that tracer's programs gained in the kernel's BPF statistics
 * (kernel.bpf_stats_enabled: run_time_ns, run_cnt), tracer after tracer in a shuffled order,
 * SAMPLES times. The other tracers return after their comm test on those writes. It also times each
 * sample's writes (CLOCK_MONOTONIC): what a write costs in all under that tracer, the syscall, the
 * programs and what they leave behind (stores to the ring draining, wakeups) included; a tracer
 * given with ids "-" follows nobody, and its writes are the untraced baseline.
 *
 * Why many short samples and their low quantiles: on this shared VM the programs of the syscall
 * tracepoints can be interrupted or preempted, and that time counts as theirs; a sample that
 * nothing interrupted shows the programs' own cost, and with thousands of syscalls per sample
 * most samples at a low load are such. The minimum and the 10th/25th percentiles say it; the
 * median says what a loaded machine adds.
 *
 *   kbench N SAMPLES NAME:COMM:ID[,ID...] ...
 *
 * Prints per tracer "NAME min p10 p25 median runs wall_p25 wall_median" (ns per write: the programs'
 * run time, then the wall time of the whole write; runs: program runs per write, 2.00 when no
 * other syscall ran the programs meanwhile).
 */
#include <bpf/bpf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_TRACERS 16
#define MAX_PROGS 4

struct tracer {
	char name[64];
	char comm[16];
	int fds[MAX_PROGS];
	int nfds;
	double *ns;
	double *wall;
	double runs;
};

static void stats(struct tracer *t, unsigned long long *time_ns, unsigned long long *cnt)
{
	*time_ns = 0;
	*cnt = 0;
	for (int i = 0; i < t->nfds; i++) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		if (bpf_obj_get_info_by_fd(t->fds[i], &info, &len)) {
			perror("kbench: bpf_obj_get_info_by_fd");
			exit(1);
		}
		*time_ns += info.run_time_ns;
		*cnt += info.run_cnt;
	}
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: kbench N SAMPLES NAME:COMM:ID[,ID...] ...\n");
		return 2;
	}
	long n = atol(argv[1]);
	int samples = atoi(argv[2]);
	int nt = argc - 3;
	if (n <= 0 || samples <= 0 || nt > MAX_TRACERS) {
		fprintf(stderr, "kbench: bad arguments\n");
		return 2;
	}
	struct tracer tr[MAX_TRACERS] = {};
	for (int i = 0; i < nt; i++) {
		char *spec = strdup(argv[3 + i]);
		char *name = strtok(spec, ":"), *comm = strtok(NULL, ":"), *ids = strtok(NULL, ":");
		if (!name || !comm || !ids) {
			fprintf(stderr, "kbench: bad tracer %s\n", argv[3 + i]);
			return 2;
		}
		snprintf(tr[i].name, sizeof(tr[i].name), "%s", name);
		snprintf(tr[i].comm, sizeof(tr[i].comm), "%s", comm);
		for (char *id = strtok(ids, ","); id && strcmp(id, "-") && tr[i].nfds < MAX_PROGS;
		     id = strtok(NULL, ",")) {
			int fd = bpf_prog_get_fd_by_id(atoi(id));
			if (fd < 0) {
				perror("kbench: bpf_prog_get_fd_by_id");
				return 1;
			}
			tr[i].fds[tr[i].nfds++] = fd;
		}
		tr[i].ns = calloc(samples, sizeof(double));
		tr[i].wall = calloc(samples, sizeof(double));
	}
	int null = open("/dev/null", O_WRONLY);
	char byte = 'x';
	int order[MAX_TRACERS];
	for (int i = 0; i < nt; i++)
		order[i] = i;
	srand(getpid());
	for (int s = 0; s < samples; s++) {
		for (int i = nt - 1; i > 0; i--) {
			int j = rand() % (i + 1), k = order[i];
			order[i] = order[j];
			order[j] = k;
		}
		for (int k = 0; k < nt; k++) {
			struct tracer *t = &tr[order[k]];
			unsigned long long t0, c0, t1, c1;
			prctl(PR_SET_NAME, t->comm);
			struct timespec w0, w1;
			stats(t, &t0, &c0);
			clock_gettime(CLOCK_MONOTONIC, &w0);
			for (long i = 0; i < n; i++)
				syscall(SYS_write, null, &byte, 1);
			clock_gettime(CLOCK_MONOTONIC, &w1);
			stats(t, &t1, &c1);
			t->ns[s] = (double)(t1 - t0) / n;
			t->wall[s] = ((w1.tv_sec - w0.tv_sec) * 1e9 + (w1.tv_nsec - w0.tv_nsec)) / n;
			t->runs += (double)(c1 - c0) / n / samples;
		}
	}
	prctl(PR_SET_NAME, "kbench");
	for (int i = 0; i < nt; i++) {
		struct tracer *t = &tr[i];
		qsort(t->ns, samples, sizeof(double), cmp);
		qsort(t->wall, samples, sizeof(double), cmp);
		printf("%s %.1f %.1f %.1f %.1f %.2f %.1f %.1f\n", t->name, t->ns[0], t->ns[samples / 10],
		       t->ns[samples / 4], t->ns[samples / 2], t->runs, t->wall[samples / 4],
		       t->wall[samples / 2]);
	}
	return 0;
}
