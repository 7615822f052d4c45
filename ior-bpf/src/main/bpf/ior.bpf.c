/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ior's kernel side: one program per syscall enter/exit tracepoint, generated from the syscall
 * table (syscalls.gen.h), writing struct ior_* records (ior.h) into one BPF ring buffer.
 * GPL because bpf_probe_read_user_str and friends are GPL-only helpers.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "ior.h"

#define AT_FDCWD -100

/*
 * The context a BPF program gets on a syscalls:sys_enter_X / sys_exit_X tracepoint. The first 8
 * bytes belong to the kernel; the syscall number is a 32-bit int at 8; arguments start at 16.
 * Only the syscall's own arguments are filled: the table names which ones to read.
 */
struct sys_enter_ctx {
	__u64 kernel_owned;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

struct sys_exit_ctx {
	__u64 kernel_owned;
	__s32 nr;
	__u32 pad;
	__s64 ret;
};

const volatile struct ior_config ior_cfg = {};

/*
 * Set by user space when the trace stops: programs emit nothing more while the consumer drains.
 * Detaching 200+ tracepoints takes seconds on kernels whose syscall tracepoints wait for an RCU
 * grace period per detach, so stopping the flow must not depend on it.
 */
__u32 ior_stopped = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} ior_events SEC(".maps");

/* Reserve failures (ring full), per CPU so that counting costs no atomic. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} ior_drops SEC(".maps");

static __always_inline void *ior_reserve(__u64 size)
{
	void *r = bpf_ringbuf_reserve(&ior_events, size, 0);
	if (!r) {
		__u32 zero = 0;
		__u64 *d = bpf_map_lookup_elem(&ior_drops, &zero);
		if (d)
			*d += 1;
	}
	return r;
}

/*
 * Waking the consumer for every record costs an irq_work and a cross-CPU wakeup each (measured
 * 5-7x slowdown of the traced program); batching keeps it near 1.4x. The consumer polls with a
 * short timeout, which bounds latency when no forced wakeup comes.
 */
static __always_inline __u64 ior_submit_flags(void)
{
	if (!ior_cfg.wakeup_bytes)
		return 0;
	return bpf_ringbuf_query(&ior_events, BPF_RB_AVAIL_DATA) >= ior_cfg.wakeup_bytes
		? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

static __always_inline int ior_comm_matches(const char *comm)
{
	__u32 n = ior_cfg.comm_len;
	for (int i = 0; i < IOR_COMM_LEN; i++) {
		if (i + n > IOR_COMM_LEN - 1)
			return 0;
		int j;
		for (j = 0; j < IOR_COMM_LEN; j++) {
			if (j >= n || comm[(i + j) & (IOR_COMM_LEN - 1)] != ior_cfg.comm[j])
				break;
		}
		if (j >= n)
			return 1;
	}
	return 0;
}

/* True when this task's events must not reach the ring. */
static __always_inline int ior_skip(__u64 pid_tgid)
{
	__u32 pid = pid_tgid >> 32;
	__u32 tid = (__u32)pid_tgid;
	if (pid == ior_cfg.self_pid || ior_stopped)
		return 1;
	if (ior_cfg.target_pid && pid != ior_cfg.target_pid)
		return 1;
	if (ior_cfg.target_tid && tid != ior_cfg.target_tid)
		return 1;
	if (ior_cfg.comm_len) {
		char comm[IOR_COMM_LEN] = {};
		bpf_get_current_comm(comm, sizeof(comm));
		if (!ior_comm_matches(comm))
			return 1;
	}
	return 0;
}

static __always_inline void ior_fill_head(struct ior_head *h, __u32 kind, __u32 sys, __u64 pid_tgid)
{
	h->kind = kind;
	h->sys = sys;
	h->pid = pid_tgid >> 32;
	h->tid = (__u32)pid_tgid;
	h->time_ns = bpf_ktime_get_ns();
}

static __always_inline void ior_fill_enter(struct ior_enter *e, __u32 kind, __u32 sys, __u64 pid_tgid)
{
	ior_fill_head(&e->h, kind, sys, pid_tgid);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
}

static __always_inline int ior_exit(struct sys_exit_ctx *ctx, __u32 sys)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ior_skip(pid_tgid))
		return 0;
	struct ior_exit *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_head(&r->h, IOR_EXIT, sys, pid_tgid);
	r->ret = ctx->ret;
	bpf_ringbuf_submit(r, ior_submit_flags());
	return 0;
}

static __always_inline int ior_enter_args(__u32 sys, __s64 a0, __s64 a1, __s64 a2)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ior_skip(pid_tgid))
		return 0;
	struct ior_enter_args *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_enter(&r->e, IOR_ENTER_ARGS, sys, pid_tgid);
	r->args[0] = a0;
	r->args[1] = a1;
	r->args[2] = a2;
	bpf_ringbuf_submit(r, ior_submit_flags());
	return 0;
}

/* how != 0: flags and mode come from the user's struct open_how (openat2). */
static __always_inline int ior_enter_path(__u32 sys, __s64 dirfd, __u64 path, __s64 flags,
					  __s64 mode, __u64 how)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ior_skip(pid_tgid))
		return 0;
	struct ior_enter_path *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_enter(&r->e, IOR_ENTER_PATH, sys, pid_tgid);
	r->dirfd = dirfd;
	r->flags = flags;
	r->mode = mode;
	r->pad = 0;
	if (how) {
		__u64 fm[2] = {};
		bpf_probe_read_user(fm, sizeof(fm), (const void *)how);
		r->flags = fm[0];
		r->mode = fm[1];
	}
	r->path_len = bpf_probe_read_user_str(r->path, sizeof(r->path), (const void *)path);
	bpf_ringbuf_submit(r, ior_submit_flags());
	return 0;
}

static __always_inline int ior_enter_name(__u32 sys, __s64 old_dirfd, __u64 old_path,
					  __s64 new_dirfd, __u64 new_path)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ior_skip(pid_tgid))
		return 0;
	struct ior_enter_name *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_enter(&r->e, IOR_ENTER_NAME, sys, pid_tgid);
	r->old_dirfd = old_dirfd;
	r->new_dirfd = new_dirfd;
	r->old_len = bpf_probe_read_user_str(r->old_path, sizeof(r->old_path), (const void *)old_path);
	r->new_len = bpf_probe_read_user_str(r->new_path, sizeof(r->new_path), (const void *)new_path);
	bpf_ringbuf_submit(r, ior_submit_flags());
	return 0;
}

/* Argument i of the call, or dflt when the table says the call has no such argument (-1). */
#define IOR_ARG(ctx, i, dflt) ((i) < 0 ? (__s64)(dflt) : (__s64)(ctx)->args[(i) < 0 ? 0 : (i)])

#define IOR_EXIT_PROG(name, id)                                                        \
	SEC("tracepoint/syscalls/sys_exit_" #name)                                     \
	int exit_##name(struct sys_exit_ctx *ctx) { return ior_exit(ctx, id); }

#define IOR_NONE(name, id)                                                             \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                    \
	int enter_##name(struct sys_enter_ctx *ctx) { return ior_enter_args(id, 0, 0, 0); } \
	IOR_EXIT_PROG(name, id)

#define IOR_FD(name, id, a0, a1, a2)                                                   \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                    \
	int enter_##name(struct sys_enter_ctx *ctx)                                    \
	{                                                                              \
		return ior_enter_args(id, IOR_ARG(ctx, a0, -1), IOR_ARG(ctx, a1, 0),   \
				      IOR_ARG(ctx, a2, 0));                            \
	}                                                                              \
	IOR_EXIT_PROG(name, id)

#define IOR_PATH(name, id, dfd, path, flags, mode)                                     \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                    \
	int enter_##name(struct sys_enter_ctx *ctx)                                    \
	{                                                                              \
		return ior_enter_path(id, IOR_ARG(ctx, dfd, AT_FDCWD), ctx->args[path], \
				      IOR_ARG(ctx, flags, 0), IOR_ARG(ctx, mode, 0), 0); \
	}                                                                              \
	IOR_EXIT_PROG(name, id)

#define IOR_OPENHOW(name, id, dfd, path, how)                                          \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                    \
	int enter_##name(struct sys_enter_ctx *ctx)                                    \
	{                                                                              \
		return ior_enter_path(id, IOR_ARG(ctx, dfd, AT_FDCWD), ctx->args[path], \
				      0, 0, ctx->args[how]);                           \
	}                                                                              \
	IOR_EXIT_PROG(name, id)

#define IOR_NAME(name, id, odfd, opath, ndfd, npath)                                   \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                    \
	int enter_##name(struct sys_enter_ctx *ctx)                                    \
	{                                                                              \
		return ior_enter_name(id, IOR_ARG(ctx, odfd, AT_FDCWD), ctx->args[opath], \
				      IOR_ARG(ctx, ndfd, AT_FDCWD), ctx->args[npath]); \
	}                                                                              \
	IOR_EXIT_PROG(name, id)

#include "syscalls.gen.h"

/* Process life cycle: comm changes and O_CLOEXEC on exec, fd tables copied on fork, freed on exit. */

static __always_inline int ior_proc(__u32 kind, __u32 other_tid)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if (ior_skip(pid_tgid))
		return 0;
	struct ior_proc *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_head(&r->h, kind, 0, pid_tgid);
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	r->other_tid = other_tid;
	r->pad = 0;
	bpf_ringbuf_submit(r, ior_submit_flags());
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int ior_sched_exec(void *ctx)
{
	return ior_proc(IOR_PROC_EXEC, 0);
}

SEC("tracepoint/sched/sched_process_exit")
int ior_sched_exit(void *ctx)
{
	return ior_proc(IOR_TASK_EXIT, 0);
}

/* The record layout of this tracepoint changed between kernels: user space passes the offset. */
SEC("tracepoint/sched/sched_process_fork")
int ior_sched_fork(void *ctx)
{
	__u32 child = 0;
	bpf_probe_read_kernel(&child, sizeof(child), (char *)ctx + ior_cfg.fork_child_off);
	return ior_proc(IOR_PROC_FORK, child);
}

char LICENSE[] SEC("license") = "GPL";
