// SPDX-License-Identifier: Apache-2.0
/*
 * ceiling: the smallest C libbpf consumer of a syscall tracer's BPF object, for
 * scripts/bench-overhead.sh. It loads the object, configures it as ior would, attaches, counts
 * records with ring_buffer__poll until SIGTERM/SIGINT, and prints how long attaching took and
 * what was lost. What it costs the traced program is the kernel side's cost plus ~25 ns of
 * consumer CPU per record; the difference to `ior` on the same workload is the Java consumer.
 *
 *   ceiling MECH BPF_O TSV_DIR COMM SYSCALL...
 *
 *   MECH ior      ior's own ior.bpf.o: struct ior_config set as BpfObject.configure sets it, the
 *                 ior_sys slots of the named syscalls written as BpfObject.setSlot writes them
 *                 (native and ia32 numbers), all five programs attached
 *        classic  minimal.bpf.o's classic_* programs on syscalls:sys_enter_X/sys_exit_X of each
 *                 named syscall
 *        btf      minimal.bpf.o's btf_* programs on raw_syscalls, min_sys[nr] set for each
 *   TSV_DIR       holds syscalls.tsv and syscall-numbers.tsv (ior-core's syscall resources)
 *   COMM          ior: a substring of the process's comm; minimal: a prefix of the thread's
 *
 * Prints "ceiling: program NAME id ID" and "ceiling: program NAME verified N insns" per program and
 * "ceiling: ready ..." to stderr once attached, and on stop the records counted, the
 * records the kernel could not put into the ring (lost) and how long detaching took.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ior.h"
#include "minimal.h"

static volatile sig_atomic_t stop;
static unsigned long long records;

static void on_signal(int sig) { (void)sig; stop = 1; }

static int on_record(void *ctx, void *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	records++;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "ceiling: %s\n", what);
	exit(1);
}

static FILE *open_tsv(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f)
		die(path);
	return f;
}

/* Splits a tab-separated line in place; returns the number of fields. */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\n")] = 0;
	for (char *p = line; n < max; p = NULL) {
		char *t = strtok(p, "\t");
		if (!t)
			break;
		f[n++] = t;
	}
	return n;
}

/* Calls fn(nr, arg) for every number NAME has on ARCH in syscall-numbers.tsv; returns the count. */
static int each_number(const char *dir, const char *arch, const char *name,
		       void (*fn)(int nr, void *arg), void *arg)
{
	FILE *f = open_tsv(dir, "syscall-numbers.tsv");
	char line[512], *c[3];
	int found = 0;
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#' && fields(line, c, 3) == 3 && !strcmp(c[0], arch) && !strcmp(c[2], name)) {
			fn(atoi(c[1]), arg);
			found++;
		}
	fclose(f);
	return found;
}

struct slot_fill {
	int fd;
	int base;                 /* 0 native, IOR_NR_SLOTS ia32 */
	struct ior_sysent ent;
};

static void put_slot(int nr, void *arg)
{
	struct slot_fill *s = arg;
	__u32 key = s->base + nr;
	if (key < IOR_TABLE_SIZE && bpf_map_update_elem(s->fd, &key, &s->ent, BPF_ANY))
		die("cannot write ior_sys");
}

static int shape_code(const char *s)
{
	static const char *names[] = {"none", "fd", "path", "open", "openhow", "name"};
	for (int i = 0; i < 6; i++)
		if (!strcmp(s, names[i]))
			return i; /* enum ior_shape has this order */
	die("unknown shape in syscalls.tsv");
	return 0;
}

/* The ior_sys entry of one syscalls.tsv row, as BpfObject.setSlot builds it. */
static struct ior_sysent sysent(char **c)
{
	struct ior_sysent e = {.id = atoi(c[0]), .shape = shape_code(c[2]), .flags = IOR_SYS_TRACED};
	if (e.shape == IOR_SHAPE_FD && !strcmp(c[3], "t"))
		e.flags |= IOR_SYS_FD2;
	if (e.shape == IOR_SHAPE_OPEN || e.shape == IOR_SHAPE_OPENHOW)
		e.flags |= IOR_SYS_RET_FD;
	memset(e.arg, -1, sizeof(e.arg));
	char *save, *a = strtok_r(c[4], ",", &save);
	for (int k = 0; a && k < 4; k++, a = strtok_r(NULL, ",", &save))
		e.arg[k] = !strcmp(a, "-") || !strcmp(a, "L") ? -1 : atoi(a);
	return e;
}

static void fill_ior_table(struct bpf_object *obj, const char *dir, char **names, int n)
{
	struct slot_fill s = {.fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "ior_sys"))};
	for (int i = 0; i < n; i++) {
		FILE *f = open_tsv(dir, "syscalls.tsv");
		char line[512], *c[6];
		int known = 0;
		while (!known && fgets(line, sizeof(line), f))
			if (line[0] != '#' && fields(line, c, 6) == 6 && !strcmp(c[1], names[i])) {
				s.ent = sysent(c);
				s.base = 0;
				known = each_number(dir, "x86_64", names[i], put_slot, &s);
				s.base = IOR_NR_SLOTS;
				each_number(dir, "i386", names[i], put_slot, &s);
			}
		fclose(f);
		if (!known)
			die("a syscall is not in syscalls.tsv or has no x86_64 number");
	}
}

static void set_min(int nr, void *arg)
{
	__u32 key = nr, on = 1;
	if (nr < MIN_NR_SLOTS && bpf_map_update_elem(*(int *)arg, &key, &on, BPF_ANY))
		die("cannot write min_sys");
}

/* The sum over CPUs of slot 0..slots-1 of a per-CPU array of counters. */
static unsigned long long percpu_sum(struct bpf_object *obj, const char *map, int slots)
{
	int cpus = libbpf_num_possible_cpus(), fd = bpf_map__fd(bpf_object__find_map_by_name(obj, map));
	unsigned long long v[cpus], sum = 0;
	for (__u32 k = 0; k < (__u32)slots; k++)
		if (!bpf_map_lookup_elem(fd, &k, v))
			for (int i = 0; i < cpus; i++)
				sum += v[i];
	return sum;
}

/* What ior sets (BpfObject.configure): its own pid, the comm filter, wakeups every 256 KiB. */
static void configure(__u32 *self_pid, __u32 *comm_len, char *cfg_comm, __u64 *wakeup_bytes, const char *comm)
{
	*self_pid = getpid();
	*comm_len = strnlen(comm, 15);
	memcpy(cfg_comm, comm, *comm_len);
	*wakeup_bytes = 256 << 10;
}

static struct bpf_link *links[2 * 512];
static int nlinks;

static void attach(struct bpf_program *p, const char *tp)
{
	struct bpf_link *l = tp ? bpf_program__attach_tracepoint(p, "syscalls", tp) : bpf_program__attach(p);
	if (!l) {
		fprintf(stderr, "ceiling: attaching %s failed\n", tp ? tp : bpf_program__name(p));
		exit(1);
	}
	links[nlinks++] = l;
}

int main(int argc, char **argv)
{
	if (argc < 6 || (strcmp(argv[1], "ior") && strcmp(argv[1], "classic") && strcmp(argv[1], "btf"))) {
		fprintf(stderr, "usage: ceiling ior|classic|btf BPF_O TSV_DIR COMM SYSCALL...\n");
		return 2;
	}
	const char *mech = argv[1], *dir = argv[3], *comm = argv[4];
	char **names = argv + 5;
	int n = argc - 5, ior = !strcmp(mech, "ior"), classic = !strcmp(mech, "classic");
	double t0 = now_ms();
	struct bpf_object *obj = bpf_object__open_file(argv[2], NULL);
	if (!obj)
		die("cannot open the BPF object");
	size_t sz;
	/* ior.bpf.o keeps its configuration in .data.cfg (written after load by ior), minimal.bpf.o in
	 * .rodata; before the load both are set the same way. */
	void *cfgmem = (void *)bpf_map__initial_value(
		bpf_object__find_map_by_name(obj, ior ? ".data.cfg" : ".rodata"), &sz);
	if (ior) {
		struct ior_config *cfg = cfgmem;
		if (!cfg || sz != sizeof(*cfg))
			die("unexpected .data.cfg in ior.bpf.o");
		configure(&cfg->self_pid, &cfg->comm_len, cfg->comm, &cfg->wakeup_bytes, comm);
	} else {
		struct min_config *cfg = cfgmem;
		if (!cfg || sz != sizeof(*cfg))
			die("unexpected .rodata in minimal.bpf.o");
		configure(&cfg->self_pid, &cfg->comm_len, cfg->comm, &cfg->wakeup_bytes, comm);
	}
	struct bpf_program *p;
	if (!ior)
		bpf_object__for_each_program(p, obj)
			bpf_program__set_autoload(p, !strncmp(bpf_program__name(p), mech, strlen(mech)));
	if (bpf_object__load(obj))
		die("cannot load the BPF object");
	double t1 = now_ms();
	if (ior) {
		fill_ior_table(obj, dir, names, n);
	} else if (!classic) {
		int fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "min_sys"));
		for (int i = 0; i < n; i++)
			if (!each_number(dir, "x86_64", names[i], set_min, &fd))
				die("a syscall has no x86_64 number");
	}
	bpf_object__for_each_program(p, obj) {
		if (!bpf_program__autoload(p))
			continue;
		if (!classic) {
			attach(p, NULL);
			continue;
		}
		for (int i = 0; i < n; i++) {
			char tp[64];
			snprintf(tp, sizeof(tp), "sys_%s_%s", strcmp(bpf_program__name(p), "classic_enter") ? "exit" : "enter",
				 names[i]);
			attach(p, tp);
		}
	}
	double t2 = now_ms();
	struct ring_buffer *rb = ring_buffer__new(
		bpf_map__fd(bpf_object__find_map_by_name(obj, ior ? "ior_events" : "min_events")), on_record, NULL, NULL);
	if (!rb)
		die("cannot map the ring buffer");
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	/* Program ids, for the kernel's per-program run-time statistics (scripts/bench-kernel.sh). */
	bpf_object__for_each_program(p, obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		if (bpf_program__autoload(p) && !bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len)) {
			fprintf(stderr, "ceiling: program %s id %u\n", bpf_program__name(p), info.id);
			/* what the verifier walked: its share of the load time */
			fprintf(stderr, "ceiling: program %s verified %u insns\n", bpf_program__name(p),
				info.verified_insns);
		}
	}
	fprintf(stderr, "ceiling: ready: %s, %d links; open+load %.0f ms, table+attach %.0f ms\n", mech, nlinks,
		t1 - t0, t2 - t1);
	while (!stop)
		ring_buffer__poll(rb, 10);
	double t3 = now_ms();
	while (nlinks > 0)
		bpf_link__destroy(links[--nlinks]);
	ring_buffer__consume(rb);
	unsigned long long lost = percpu_sum(obj, ior ? "ior_drops" : "min_drops", ior ? 4 : 1);
	ring_buffer__free(rb);
	bpf_object__close(obj);
	fprintf(stderr, "ceiling: %llu records, %llu lost; detach+close %.0f ms\n", records, lost, now_ms() - t3);
	return 0;
}
