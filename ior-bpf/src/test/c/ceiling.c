// SPDX-License-Identifier: Apache-2.0
/*
 * ceiling: a minimal C consumer of ior's own BPF object, for the overhead benchmark. It loads
 * ior.bpf.o with the same configuration ior uses (comm filter, batched wakeups, 16 MiB ring),
 * attaches the named syscalls, and counts records with libbpf's ring_buffer__poll until
 * SIGTERM/SIGINT. The difference between this and `ior` on the same workload is the cost of
 * the Java consumer; this itself is the cost of the kernel side.
 *
 *   ceiling IOR_BPF_O COMM SYSCALL...
 */
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ior.h"

static volatile sig_atomic_t stop;
static unsigned long long records;

static void on_signal(int sig) { (void)sig; stop = 1; }

static int on_record(void *ctx, void *data, size_t len) { (void)ctx; (void)data; (void)len; records++; return 0; }

static int wanted(const char *prog, char **names, int n)
{
	const char *sys = !strncmp(prog, "enter_", 6) ? prog + 6 : !strncmp(prog, "exit_", 5) ? prog + 5 : NULL;
	if (!sys)
		return 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(sys, names[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: ceiling IOR_BPF_O COMM SYSCALL...\n");
		return 2;
	}
	struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		perror("open");
		return 1;
	}
	size_t sz;
	struct ior_config *cfg = (struct ior_config *)bpf_map__initial_value(
		bpf_object__find_map_by_name(obj, ".rodata"), &sz);
	if (!cfg || sz != sizeof(*cfg)) {
		fprintf(stderr, "unexpected .rodata\n");
		return 1;
	}
	cfg->self_pid = getpid();
	cfg->comm_len = strlen(argv[2]);
	strncpy(cfg->comm, argv[2], sizeof(cfg->comm) - 1);
	cfg->wakeup_bytes = 256 << 10;
	struct bpf_program *p;
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, wanted(bpf_program__name(p), argv + 3, argc - 3));
	if (bpf_object__load(obj)) {
		perror("load");
		return 1;
	}
	bpf_object__for_each_program(p, obj) {
		if (!bpf_program__autoload(p))
			continue;
		char tp[64];
		snprintf(tp, sizeof(tp), "sys_%s", bpf_program__name(p));
		if (!bpf_program__attach_tracepoint(p, "syscalls", tp)) {
			fprintf(stderr, "attach %s failed\n", tp);
			return 1;
		}
	}
	struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "ior_events")),
						  on_record, NULL, NULL);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	fprintf(stderr, "ceiling: ready\n");
	while (!stop)
		ring_buffer__poll(rb, 10);
	ring_buffer__consume(rb);
	fprintf(stderr, "ceiling: %llu records\n", records);
	return 0;
}
