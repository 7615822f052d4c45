/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The two capture mechanisms at their smallest, for scripts/bench-overhead.sh: what the kernel
 * side of a syscall tracer costs before any of ior's features (file identities, paths, per-thread
 * pairing state, compat calls, the process's comm). Both pairs apply the same filter (not the
 * consumer itself, a thread comm prefix) and emit the same 64-byte record per enter and per exit,
 * with ior's batched wakeups.
 *
 *   classic_enter/classic_exit  on syscalls:sys_enter_X / sys_exit_X, attached once per traced
 *                               syscall by ceiling (the capture v1 design)
 *   btf_enter/btf_exit          tp_btf on raw_syscalls: run for every syscall of the host; the
 *                               table min_sys, indexed by syscall number, is the first check, so an
 *                               untraced syscall returns after one array load (the capture v2 design)
 *
 * Registers are read by direct loads from the typed pt_regs (CO-RE, no vmlinux.h).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "minimal.h"

struct pt_regs___min {
	unsigned long di, si, dx, r10, orig_ax;
} __attribute__((preserve_access_index));

/*
 * The classic syscall tracepoints' records (tracefs events/syscalls/sys_*_X/format). Each has only
 * its syscall's arguments, and attaching fails (EACCES) when the program reads past them: one
 * program for every syscall reads args[0] only.
 */
struct min_tp_enter {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__s64 args[1];
};

struct min_tp_exit {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__s64 ret;
};

const volatile struct min_config min_cfg = {};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} min_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MIN_NR_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} min_sys SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} min_drops SEC(".maps");

static __always_inline int min_skip(__u64 pid_tgid)
{
	if ((__u32)(pid_tgid >> 32) == min_cfg.self_pid)
		return 1;
	char comm[16];
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < 16; i++) {
		if (i >= min_cfg.comm_len)
			break;
		if (comm[i] != min_cfg.comm[i])
			return 1;
	}
	return 0;
}

static __always_inline void min_emit(__u32 kind, __u32 nr, __u64 pid_tgid, __s64 a, __s64 b,
				     __s64 c, __s64 d)
{
	struct min_rec *r = bpf_ringbuf_reserve(&min_events, sizeof(*r), 0);
	if (!r) {
		__u32 zero = 0;
		__u64 *n = bpf_map_lookup_elem(&min_drops, &zero);
		if (n)
			*n += 1;
		return;
	}
	r->kind = kind;
	r->nr = nr;
	r->pid = pid_tgid >> 32;
	r->tid = (__u32)pid_tgid;
	r->time_ns = bpf_ktime_get_ns();
	r->v[0] = a;
	r->v[1] = b;
	r->v[2] = c;
	r->v[3] = d;
	r->v[4] = 0;
	/* ior's policy (ior_wake_flags): forced only by the record that crosses a multiple */
	__u64 pending = bpf_ringbuf_query(&min_events, BPF_RB_AVAIL_DATA), w = min_cfg.wakeup_bytes;
	bpf_ringbuf_submit(r, pending >= w && pending / w != (pending - (sizeof(*r) + 8)) / w
			   ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
}

SEC("tracepoint")
int classic_enter(struct min_tp_enter *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (min_skip(pid_tgid))
		return 0;
	min_emit(1, ctx->nr, pid_tgid, ctx->args[0], 0, 0, 0);
	return 0;
}

SEC("tracepoint")
int classic_exit(struct min_tp_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (min_skip(pid_tgid))
		return 0;
	min_emit(2, ctx->nr, pid_tgid, ctx->ret, 0, 0, 0);
	return 0;
}

static __always_inline int min_traced(__u64 nr)
{
	__u32 k = nr;
	__u32 *on = nr < MIN_NR_SLOTS ? bpf_map_lookup_elem(&min_sys, &k) : 0;
	return on && *on;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(btf_enter, struct pt_regs___min *regs, long id)
{
	if (!min_traced(id))
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (min_skip(pid_tgid))
		return 0;
	min_emit(1, id, pid_tgid, regs->di, regs->si, regs->dx, regs->r10);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(btf_exit, struct pt_regs___min *regs, long ret)
{
	__u64 nr = regs->orig_ax;
	if (!min_traced(nr))
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (min_skip(pid_tgid))
		return 0;
	min_emit(2, nr, pid_tgid, ret, 0, 0, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
