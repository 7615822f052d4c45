/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ior's kernel side (capture v2): two programs on the raw_syscalls tracepoints see every syscall of
 * every task, native and 32-bit; a table indexed by syscall number (map ior_sys, filled by user
 * space) says which to trace and how to read their arguments. Three more programs follow the
 * process life cycle. Records (ior.h) go to one BPF ring buffer.
 *
 * Why raw tracepoints and not one program per syscalls:sys_enter_X: releasing each classic syscall
 * tracepoint waits for an RCU grace period (~70 ms, serialised), so 200+ of them took 10 s to stop;
 * they never fire for ia32 syscalls; and selecting a syscall meant attaching programs. Here
 * selecting is a map write, stopping detaches five links, and compat calls are seen.
 *
 * GPL because bpf_probe_read_user_str and friends are GPL-only helpers.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "ior.h"

#define AT_FDCWD -100
/* Filesystems whose files /proc names without a path (include/uapi/linux/magic.h). */
#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define ANON_INODE_FS_MAGIC 0x09041934
#define NSFS_MAGIC 0x6e736673
#define PIDFS_MAGIC 0x50494446
#define TS_COMPAT 0x0002 /* x86 thread_info.status: this syscall came through the ia32 entry */
#define SECCOMP_MODE_FILTER 2
#define MAP_ANONYMOUS 0x20
#define RESOLVE_IN_ROOT 0x10 /* openat2: an absolute path starts at dirfd, not at the root */
/* -ERESTARTSYS .. -ERESTART_RESTARTBLOCK: the kernel restarts the call or returns EINTR */
#define ENOMEM 12
#define ENOSPC 28
#define ERESTARTSYS 512
#define ERESTART_RESTARTBLOCK 516
/*
 * A name's room: /proc (d_path into PATH_MAX with its NUL) shows names up to 4095 bytes, so ior
 * keeps every name up to that; a longer one is marked cut, as /proc refuses it (ENAMETOOLONG).
 * A walk step is one directory level (at least 2 bytes: '/' and a byte) or one mount crossing,
 * so IOR_NAME_DEPTH steps reach the room's end for any name that fits; a step past the leaf's
 * root costs nothing (bpf_loop ends at the root), so ordinary names pay nothing for the bound.
 */
#define IOR_NAME_ROOM 4096
#define IOR_NAME_DEPTH 4096
/* Scratch for variable-length records: a fixed part and two paths, or a name of IOR_NAME_ROOM. */
#define IOR_SCRATCH (sizeof(struct ior_enter_path) + 2 * IOR_PATH_MAX + 64)
_Static_assert(sizeof(struct ior_name) + IOR_NAME_ROOM + 256 <= IOR_SCRATCH,
	       "a name walk may read one component past the room");

/*
 * Minimal CO-RE views of the kernel types we read. The "___ior" suffix is a flavour: libbpf
 * matches them by the name before it, field by field, against the running kernel's BTF, so no
 * vmlinux.h of one kernel is baked in.
 */
struct pt_regs___ior {
	unsigned long bx, cx, dx, si, di, bp, ax, r8, r9, r10, orig_ax;
} __attribute__((preserve_access_index));

struct thread_info___ior {
	__u32 status;
} __attribute__((preserve_access_index));

struct qstr___ior {
	__u32 hash;
	__u32 len;
	const unsigned char *name;
} __attribute__((preserve_access_index));

struct super_block___ior {
	__u32 s_dev;
	unsigned long s_magic;
} __attribute__((preserve_access_index));

struct inode___ior {
	unsigned long i_ino;
	unsigned int i_nlink;
	__u32 i_generation;
	struct super_block___ior *i_sb;
	void *i_private;
} __attribute__((preserve_access_index));

struct hlist_bl_node___ior {
	void *pprev;
} __attribute__((preserve_access_index));

struct dentry_operations___ior {
	void *d_dname;
} __attribute__((preserve_access_index));

struct dentry___ior {
	struct hlist_bl_node___ior d_hash;
	struct dentry___ior *d_parent;
	struct qstr___ior d_name;
	struct inode___ior *d_inode;
	const struct dentry_operations___ior *d_op;
} __attribute__((preserve_access_index));

struct proc_ns_operations___ior {
	const char *name;
} __attribute__((preserve_access_index));

struct ns_common___ior {
	const struct proc_ns_operations___ior *ops;
} __attribute__((preserve_access_index));

struct vfsmount___ior {
	struct dentry___ior *mnt_root;
} __attribute__((preserve_access_index));

struct mount___ior {
	struct mount___ior *mnt_parent;
	struct dentry___ior *mnt_mountpoint;
	struct vfsmount___ior mnt;
	int mnt_id;
	__u64 mnt_id_unique; /* Linux 6.8+: never reused, where mnt_id is (a namespace's mounts die with it) */
} __attribute__((preserve_access_index));

struct path___ior {
	struct vfsmount___ior *mnt;
	struct dentry___ior *dentry;
} __attribute__((preserve_access_index));

struct file___ior {
	struct inode___ior *f_inode;
	struct path___ior f_path;
} __attribute__((preserve_access_index));

struct vm_area_struct___ior {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct file___ior *vm_file;
} __attribute__((preserve_access_index));

struct mm_struct___ior {
	unsigned long exec_vm;
} __attribute__((preserve_access_index));

struct fdtable___ior {
	unsigned int max_fds;
	struct file___ior **fd;
} __attribute__((preserve_access_index));

/*
 * A kernel struct whose first field is a struct file pointer: a slot of the fd array cast to it
 * reads as a typed pointer (see ior_fd_path). kiocb has begun with ki_filp since Linux 2.6.
 */
struct kiocb___ior {
	struct file___ior *ki_filp;
} __attribute__((preserve_access_index));

struct files_struct___ior {
	struct fdtable___ior *fdt;
} __attribute__((preserve_access_index));

struct fs_struct___ior {
	struct path___ior root;
	struct path___ior pwd;
} __attribute__((preserve_access_index));

struct atomic___ior {
	int counter;
} __attribute__((preserve_access_index));

struct signal_struct___ior {
	struct atomic___ior live;
} __attribute__((preserve_access_index));

struct seccomp___ior {
	int mode;
} __attribute__((preserve_access_index));

struct kernfs_node___ior {
	__u64 id;
} __attribute__((preserve_access_index));

struct cgroup___ior {
	struct kernfs_node___ior *kn;
} __attribute__((preserve_access_index));

struct css_set___ior {
	struct cgroup___ior *dfl_cgrp;
} __attribute__((preserve_access_index));

struct task_struct___ior {
	struct thread_info___ior thread_info;
	struct seccomp___ior seccomp;
	int pid;
	int tgid;
	struct task_struct___ior *group_leader;
	char comm[IOR_COMM_LEN];
	struct fs_struct___ior *fs;
	struct files_struct___ior *files;
	struct signal_struct___ior *signal;
	struct css_set___ior *cgroups;
	struct mm_struct___ior *mm;
	__u64 start_time;
	__u64 self_exec_id;
} __attribute__((preserve_access_index));

/*
 * Makes a kernel address a typed, read-only pointer (a kfunc, Linux 6.2+): loads through it are
 * single instructions with an exception-table entry (a bad address reads 0), where a
 * bpf_probe_read_kernel is a helper call each (~20-30 ns here). The verifier still rejects
 * writes through it.
 */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

/*
 * Written by user space after the load and before the attach (a map update of section .data.cfg),
 * so that the programs can be loaded before the configuration is known: ior loads them while it
 * parses its command line. Not .rodata: that is frozen at load. The verifier then explores the
 * branches of every setting (measured: +7 ms of verification), and each call reads the settings
 * from memory (one cache line).
 */
struct ior_config ior_cfg SEC(".data.cfg") = {};

/*
 * Set by user space when the trace stops: programs emit nothing more while the consumer drains.
 */
__u32 ior_stopped = 0;

/*
 * The name epoch: counted up at the exit of every successful rename, unlink and rmdir syscall on
 * the host (IOR_SYS_RENAMES), whoever makes them. A name remembered at an older epoch may be stale
 * (the file or a directory above it moved, or it was deleted), so it is walked again. Counted
 * after the change, read before a walk: a walk that races a rename is walked again. (fexit on
 * vfs_rename would also see io_uring's and nfsd's renames, but trampolines are refused on some
 * kernels, this one among them; io_uring renames are not seen.)
 */
__u64 ior_name_epoch SEC(".data.names") = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} ior_events SEC(".maps");

/* The syscall table: struct ior_sysent per syscall number (ior.h). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, IOR_TABLE_SIZE);
	__type(key, __u32);
	__type(value, struct ior_sysent);
} ior_sys SEC(".maps");

/* Losses counted in the kernel, per CPU so that counting costs no atomic. */
enum ior_loss { IOR_LOSS_RING = 0, IOR_LOSS_STORAGE = 1, IOR_LOSS_NAME = 2, IOR_LOSSES = 4 };
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IOR_LOSSES);
	__type(key, __u32);
	__type(value, __u64);
} ior_drops SEC(".maps");

/*
 * The identity of the struct file a thread's last fd call used (ior_fd_ident), and what proves it
 * still holds. An identity is read from the file's dentry, inode, superblock and mount: four more
 * objects, each a cache and TLB miss on a syscall (page-table isolation empties the TLB at every
 * kernel entry on this CPU): measured ~130 ns of a write's ~630 ns. The proof reads two of them
 * (a line of the dentry, a line of the inode), not the superblock and the mount: the same file,
 * dentry, mount and inode objects (pointers the file holds, read anyway), the same inode number and
 * generation (an inode object reused by a new pipe or file changes them), the same name hash and
 * length of the dentry (a dentry object reused for another name changes them), and no rename,
 * unlink, rmdir, link or umount on the host since (the name epoch). Not proven: a mount object
 * freed with its mount namespace and reused at the same address for a bind mount of the same
 * directory. An anonymous inode's identity also mixes in the name's bytes, and all of them share
 * one inode: not cached. See docs/benchmarks.md ("A devnull write's programs").
 */
struct ior_file_cache {
	__u64 file;          /* the struct file; 0: nothing cached */
	__u64 dentry;
	__u64 mnt;
	__u64 inode;
	__u64 ino;
	__u32 igen;          /* i_generation */
	__u32 hash;          /* d_name.hash */
	__u32 len;           /* d_name.len */
	__u32 pad;
	__u64 epoch;         /* the name epoch at which id was read and named */
	struct ior_ident id;
};

/* Per-thread state: pairs enters with exits and remembers what the exit must finish. */
struct ior_task {
	__u32 seq;           /* enters emitted so far */
	__u32 pending;       /* table slot + 1 of the call whose enter was emitted; 0: none */
	__u64 late[2];       /* user pointers of paths unreadable at entry: read again at exit */
	struct ior_ident named; /* the identity this thread last saw named: skips the LRU lookup */
	__u64 named_epoch;   /* the name epoch at which named was named */
	__u32 restart;       /* the last traced call returned -ERESTART*: the next signal decides */
	__u32 stack_calls;   /* stack policy every: calls seen since the last stack taken */
	__u64 stack_enter_ns; /* when the pending call entered: its enter record's time */
	__u64 maps_exec_id;  /* ior_emit_mappings: the image (exec count and executable pages) whose */
	__u64 maps_exec_vm;  /* mappings this thread saw sent: later stacks skip the LRU lookup */
	struct ior_file_cache fc; /* the identity of the file of this thread's last fd call */
	__u64 cg;            /* ior_cgroup_id: the cgroup v2 object (struct cgroup) last seen, */
	__u64 cg_epoch;      /* the name epoch then, */
	__u64 cg_id;         /* and its id */
	__s64 args[8];       /* ior_args of a refused call, built at its exit (ior_enter_refused) */
};

/* ior_task.pending: the enter was not emitted (ring full): its exit is no refused call. */
#define IOR_PENDING_LOST 0x80000000u

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct ior_task);
} ior_tasks SEC(".maps");

/* Identities whose name user space already has (IOR_NAME), with the name epoch of that name. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct ior_ident);
	__type(value, __u64);
} ior_named SEC(".maps");

/*
 * Processes traced with ior_cfg.follow: the command or pid, and every process they start. Not
 * preallocated: 65,536 elements made at load cost every start ~10 ms (perf), traced or not; an
 * element is allocated at a followed fork instead.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u8);
} ior_pids SEC(".maps");

/* With ior_cfg.self_pid 0 (the tracer traces its own process, e.g. ior-junit): the tracer's own
 * threads that must still never be traced (its consumer), by tid. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u8);
} ior_skip_tids SEC(".maps");

/* Room to build variable-length records before bpf_ringbuf_output copies them. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3); /* 0: enter/exit records, 1: names, 2: stack frames */
	__type(key, __u32);
	__type(value, char[IOR_SCRATCH]);
} ior_scratch SEC(".maps");

static __always_inline void ior_count(__u32 loss)
{
	__u64 *d = bpf_map_lookup_elem(&ior_drops, &loss);
	if (d)
		*d += 1;
}

static __always_inline void *ior_reserve(__u64 size)
{
	void *r = bpf_ringbuf_reserve(&ior_events, size, 0);
	if (!r)
		ior_count(IOR_LOSS_RING);
	return r;
}

/*
 * Waking the consumer for every record costs an irq_work and a cross-CPU wakeup each (measured
 * 5-7x slowdown of the traced program); batching keeps it near 1.4x. The consumer polls with a
 * short timeout, which bounds latency when no forced wakeup comes.
 *
 * Only the record that takes the pending data past a multiple of wakeup_bytes forces the
 * wakeup, not every record from the threshold on: the woken consumer needs tens to hundreds of
 * microseconds before it has drained below the threshold, and until then every record queued
 * another irq_work (a self-IPI on the traced thread's CPU, a VM exit in a guest): ~30,000 per
 * 2 million devnull writes, where one per crossing makes ~2,000. A crossing missed because
 * another CPU reserved in between is caught at the next multiple; the poll timeout bounds the
 * rest. pending: the ring's unconsumed bytes including this record of size bytes.
 */
/* What a record of size bytes takes in the ring: BPF_RINGBUF_HDR_SZ, rounded to 8 as the kernel does. */
static __always_inline __u64 ior_ring_bytes(__u64 size)
{
	return (size + 8 + 7) & ~7ULL;
}

static __always_inline __u64 ior_wake_flags(__u64 pending, __u64 size)
{
	__u64 w = ior_cfg.wakeup_bytes;
	__u64 rec = ior_ring_bytes(size);

	if (!w)
		return 0;
	return pending >= w && pending / w != (pending - rec) / w ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

/* Flags for bpf_ringbuf_submit of a reserved record of size bytes. */
static __always_inline __u64 ior_submit_flags(__u64 size)
{
	return ior_wake_flags(bpf_ringbuf_query(&ior_events, BPF_RB_AVAIL_DATA), size);
}

/* bpf_ringbuf_output of a scratch record; false (and counted) when the ring is full. */
static __always_inline int ior_output(void *rec, __u64 size)
{
	if (size > IOR_SCRATCH)
		size = IOR_SCRATCH;
	/* not reserved yet: the pending bytes do not include the record */
	__u64 flags = ior_wake_flags(bpf_ringbuf_query(&ior_events, BPF_RB_AVAIL_DATA)
				     + ior_ring_bytes(size), size);
	if (bpf_ringbuf_output(&ior_events, rec, size, flags)) {
		ior_count(IOR_LOSS_RING);
		return 0;
	}
	return 1;
}

/*
 * The comm filter's two words and their masks (the filter's comm_len bytes); returns comm_len, 0
 * when no comm can match.
 */
static __always_inline __u32 ior_comm_filter(__u64 *p0, __u64 *p1, __u64 *m0, __u64 *m1)
{
	__u32 n = ior_cfg.comm_len;
	if (n > IOR_COMM_LEN - 1)
		return 0;
	*m0 = n >= 8 ? ~0ULL : (1ULL << (8 * n)) - 1;
	*m1 = n <= 8 ? 0 : (1ULL << (8 * (n - 8))) - 1;
	/* volatile as ior_cfg is: user space sets it before load; clang would fold it to zero */
	const volatile __u64 *p = (const volatile __u64 *)ior_cfg.comm;
	*p0 = p[0] & *m0;
	*p1 = p[1] & *m1;
	return n;
}

/*
 * Whether the filter (ior_cfg.comm, comm_len bytes) occurs in comm, ending before its last byte.
 * Word-wise: the 16 bytes are two 64-bit words, and each start offset compares one shifted
 * window of them against the filter's words under a mask, instead of a byte loop per offset (a
 * traced process whose comm starts with the filter matches at offset 0 in a dozen instructions).
 * The comm is its two words (c0: bytes 0-7). A global function: the verifier checks its unrolled
 * loop once per program instead of at every place ior_skip is inlined (3,700 of the 30,000
 * instructions it processed for ior_sys_exit).
 */
__noinline int ior_comm_matches(__u64 c0, __u64 c1)
{
	__u64 p0, p1, m0, m1;
	__u32 n = ior_comm_filter(&p0, &p1, &m0, &m1);
	if (!n)
		return 0;
	for (int i = 0; i < IOR_COMM_LEN - 1; i++) {
		if (i + n > IOR_COMM_LEN - 1)
			return 0;
		/* bytes i..i+15 of comm as two words (little-endian: byte i is the low byte of lo) */
		__u64 lo = i == 0 ? c0 : i < 8 ? c0 >> (8 * i) | c1 << (64 - 8 * i) : c1 >> (8 * (i - 8));
		__u64 hi = i == 0 ? c1 : i < 8 ? c1 >> (8 * i) : 0;
		if (!((lo ^ p0) & m0) && !((hi ^ p1) & m1))
			return 1;
	}
	return 0;
}

/*
 * The current task, for reading its fields: made untrusted with bpf_rdonly_cast (which the JIT
 * turns into a register move). For every struct pointer loaded through a trusted pointer, the
 * verifier searches the kernel's BTF for "<type>__safe_trusted" and three similar names, one
 * linear scan of its ~100,000 types per load and explored state: perf put 70% of the
 * verification time there (75 ms of each start on Linux 6.18). The loads are the same fault-safe
 * loads either way. Helpers that take a task (task storage, bpf_find_vma, the VMA iterator) need
 * the trusted pointer: they get bpf_get_current_task_btf() itself.
 */
static __always_inline struct task_struct___ior *ior_current(void)
{
	return bpf_rdonly_cast(bpf_get_current_task_btf(), bpf_core_type_id_kernel(struct task_struct___ior));
}

/*
 * A task's comm into comm (8-byte aligned), NUL-padded as the kernel keeps it. Direct loads: task
 * is a BTF pointer (bpf_get_current_task_btf and what it points to), so no helper call is needed.
 */
static __always_inline void ior_copy_comm(struct task_struct___ior *t, char *comm)
{
	__u64 *src = (__u64 *)t->comm;
	((__u64 *)comm)[0] = src[0];
	((__u64 *)comm)[1] = src[1];
}

/* The process's comm: its thread group leader's, what ps -o comm shows. */
static __always_inline void ior_process_comm(struct task_struct___ior *task, char *comm)
{
	ior_copy_comm(task->group_leader, comm);
}

/* What bpf_get_current_pid_tgid returns, without the helper call. */
static __always_inline __u64 ior_pid_tgid(struct task_struct___ior *task)
{
	return (__u64)(__u32)task->tgid << 32 | (__u32)task->pid;
}

/*
 * Whether the comm (its two words) starts with the filter: the common case of a traced process,
 * tested inline (a call of ior_comm_matches cost every traced call ~12 ns).
 */
static __always_inline int ior_comm_prefix(__u64 c0, __u64 c1)
{
	__u64 p0, p1, m0, m1;
	return ior_comm_filter(&p0, &p1, &m0, &m1) && !((c0 ^ p0) & m0) && !((c1 ^ p1) & m1);
}

/* True when this task's events must not reach the ring. The cheapest tests come first. */
static __always_inline int ior_skip(struct task_struct___ior *task, __u64 pid_tgid)
{
	__u32 pid = pid_tgid >> 32;
	__u32 tid = (__u32)pid_tgid;
	if (pid == ior_cfg.self_pid || ior_stopped)
		return 1;
	if (ior_cfg.target_pid && pid != ior_cfg.target_pid)
		return 1;
	if (ior_cfg.target_tid && tid != ior_cfg.target_tid)
		return 1;
	if (ior_cfg.follow && !bpf_map_lookup_elem(&ior_pids, &pid))
		return 1;
	/* Only when the tracer traces itself; the verifier drops this otherwise (read-only cfg). */
	if (!ior_cfg.self_pid && bpf_map_lookup_elem(&ior_skip_tids, &tid))
		return 1;
	if (ior_cfg.cgroup_id
	    && bpf_get_current_ancestor_cgroup_id(ior_cfg.cgroup_level) != ior_cfg.cgroup_id)
		return 1;
	if (ior_cfg.comm_len) {
		__u64 *comm = (__u64 *)task->group_leader->comm; /* the process's, as ps -o comm */
		if (!ior_comm_prefix(comm[0], comm[1]) && !ior_comm_matches(comm[0], comm[1]))
			return 1;
	}
	return 0;
}

/* A record's head, stamped at time_ns (bpf_ktime_get_ns: CLOCK_MONOTONIC). */
static __always_inline void ior_fill_head_at(struct ior_head *h, __u32 kind, __u32 sys,
					     __u32 flags, __u64 pid_tgid, __u64 time_ns)
{
	h->kind = kind;
	h->sys = sys;
	h->flags = flags;
	h->pid = pid_tgid >> 32;
	h->tid = (__u32)pid_tgid;
	h->time_ns = time_ns;
}

static __always_inline void ior_fill_head(struct ior_head *h, __u32 kind, __u32 sys, __u32 flags,
					  __u64 pid_tgid)
{
	ior_fill_head_at(h, kind, sys, flags, pid_tgid, bpf_ktime_get_ns());
}

/* ---- File identity and names ---- */

/*
 * The identity of the file at dentry d: dev and ino of its inode, and its generation mixed with
 * the dentry's name hash and length (the kernel's hash, salted with the parent dentry): /proc
 * names an open file by its dentry, so each name of a hard-linked inode (one of them unlinked,
 * say) is an identity of its own; a rename gives the file a new identity, walked afresh. Files
 * of anon_inodefs all share one inode and an unhashed name, so their name's first bytes
 * ("[eventfd]", "[eventpoll]", "inotify") are mixed in too. So is the mount's id: /proc names a
 * file by its mount and dentry, and one dentry reached through two mounts (a bind mount of a
 * directory or of a file, systemd's PrivateTmp, a container's volume) has two names. p's
 * pointers are typed (ior_fd_path, ior_base_ident): direct loads (the mount that holds the
 * vfsmount by a cast, a register move once verified); a probe read only for anonymous inodes.
 */
static __always_inline __u64 ior_dentry_ident(struct path___ior *p, struct ior_ident *out)
{
	struct dentry___ior *d = p->dentry;
	struct inode___ior *inode = d->d_inode;
	out->ino = 0;
	out->dev = 0;
	out->gen = 0;
	if (!inode)
		return 0;
	struct super_block___ior *sb = inode->i_sb;
	out->ino = inode->i_ino;
	struct mount___ior *m = bpf_rdonly_cast((void *)((unsigned long)p->mnt
						 - bpf_core_field_offset(struct mount___ior, mnt)),
						bpf_core_type_id_kernel(struct mount___ior));
	__u64 mid = bpf_core_field_exists(m->mnt_id_unique) ? m->mnt_id_unique : (__u64)m->mnt_id;
	out->gen = inode->i_generation ^ d->d_name.hash ^ d->d_name.len * 0x9E3779B1u
		   ^ (__u32)(mid ^ mid >> 32) * 0x85EBCA6Bu;
	out->dev = sb->s_dev;
	__u64 magic = sb->s_magic;
	if (magic == ANON_INODE_FS_MAGIC) {
		__u64 w = 0;
		bpf_probe_read_kernel(&w, sizeof(w), d->d_name.name);
		out->gen ^= (__u32)w ^ (__u32)(w >> 32);
	}
	return magic;
}

/* The struct file (a typed pointer) of descriptor fd of the current task; null when fd is not open. */
static __always_inline struct file___ior *ior_fd_file(struct task_struct___ior *task, __s64 fd)
{
	if (fd < 0)
		return 0;
	/*
	 * Direct loads all the way (measured: the probe reads this replaced cost ~100 ns per fd call).
	 * The verifier types the array itself (struct file **) as a plain number: its slot fd is made a
	 * typed pointer by casting it to a struct that starts with a struct file pointer.
	 */
	struct fdtable___ior *fdt = task->files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return 0;
	struct kiocb___ior *slot = bpf_rdonly_cast((void *)((unsigned long)fdt->fd + fd * sizeof(void *)),
						   bpf_core_type_id_kernel(struct kiocb___ior));
	return slot->ki_filp;
}

/*
 * The path (mount and dentry, typed pointers) of descriptor fd of the current task; false when fd
 * is not open.
 */
static __always_inline int ior_fd_path(struct task_struct___ior *task, __s64 fd,
				       struct path___ior *out)
{
	struct file___ior *f = ior_fd_file(task, fd);
	if (!f)
		return 0;
	out->mnt = f->f_path.mnt;
	out->dentry = f->f_path.dentry;
	return out->dentry != 0;
}

/* One step of a name walk (bpf_loop callback): one dentry up, or across one mount point. */
struct ior_walk {
	struct dentry___ior *d;
	struct vfsmount___ior *vfs;
	struct mount___ior *mnt;
	char *data;
	__u32 pos;
	__u32 done;
};

static long ior_walk_step(__u32 i, struct ior_walk *w)
{
	struct dentry___ior *d = w->d;
	struct vfsmount___ior *vfs = w->vfs;
	struct mount___ior *mnt = w->mnt;
	if (d == BPF_CORE_READ(vfs, mnt_root)) {
		struct mount___ior *parent = BPF_CORE_READ(mnt, mnt_parent);
		if (parent == mnt || !parent) {
			w->done = 1;
			return 1;
		}
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = parent;
		w->vfs = (void *)((char *)parent + bpf_core_field_offset(struct mount___ior, mnt));
		return 0;
	}
	struct dentry___ior *up = BPF_CORE_READ(d, d_parent);
	__u32 pos = w->pos;
	if (pos >= IOR_NAME_ROOM)
		return 1;
	/* a component is at most NAME_MAX (255) bytes and its NUL: the scratch has that slack */
	int n = bpf_probe_read_kernel_str(w->data + pos, 256, BPF_CORE_READ(d, d_name.name));
	if (n > 0) {
		/* component + NUL stands for '/' + component: pos is the name's length so far */
		if (pos + n > IOR_NAME_ROOM - 1)
			return 1; /* longer than /proc would show: cut before this component */
		w->pos = pos + n;
	}
	if (up == d || !up) {
		w->done = 1; /* a pseudo file (anon inode, memfd) is its own root */
		return 1;
	}
	w->d = up;
	return 0;
}

/*
 * Emits the kernel's name of p as an IOR_NAME record: the dentry names from the leaf up to the
 * root of the mount namespace, crossing mount points, leaf first (user space reverses them).
 */
/*
 * A global function: the verifier checks it once, on its own, instead of on every path of both
 * syscall programs that can reach it inlined. The walk is the rare path (a name not yet sent),
 * and inlined it was most of the 156,000 instructions the verifier processed at every start
 * (0.3 + 0.8 s of CPU at load 15); as a function the programs take 33,000 (0.05 + 0.2 s). Its
 * arguments arrive as plain memory (the verifier types a global function's pointers by size
 * only), so the path's pointers are cast back to kernel types, read-only, as in ior_fd_path.
 */
__noinline int ior_emit_name(struct path___ior *p, struct ior_ident *id, __u64 pid_tgid)
{
	__u32 key = 1;
	if (!p || !id)
		return 0;
	__u64 mnt = (__u64)p->mnt, dentry = (__u64)p->dentry;
	char *buf = bpf_map_lookup_elem(&ior_scratch, &key);
	if (!buf)
		return 0;
	struct ior_name *r = (void *)buf;
	struct dentry___ior *d = bpf_rdonly_cast((void *)dentry, bpf_core_type_id_kernel(struct dentry___ior));
	struct inode___ior *inode = BPF_CORE_READ(d, d_inode);
	__u64 magic = BPF_CORE_READ(inode, i_sb, s_magic);
	struct ior_walk w = {
		.d = d,
		.vfs = (void *)mnt,
		.mnt = (void *)((char *)mnt - bpf_core_field_offset(struct mount___ior, mnt)),
		.data = buf + sizeof(*r),
		.done = 1,
	};
	if (magic == NSFS_MAGIC) {
		/* /proc names a namespace "net:[4026531840]": the type from its operations */
		struct ns_common___ior *ns = BPF_CORE_READ(inode, i_private);
		int n = bpf_probe_read_kernel_str(w.data, 64, BPF_CORE_READ(ns, ops, name));
		w.pos = n > 0 ? n : 0;
	} else if (magic != PIPEFS_MAGIC && magic != SOCKFS_MAGIC && magic != PIDFS_MAGIC) {
		/* those are named by magic and inode number alone: no walk */
		w.done = 0;
		bpf_loop(IOR_NAME_DEPTH, ior_walk_step, &w, 0);
	}
	ior_fill_head(&r->h, IOR_NAME, 0, w.done ? 0 : IOR_F_PATH_CUT, pid_tgid);
	r->id = *id;
	r->magic = magic;
	/* d_path's "(deleted)": the dentry is unhashed and not a root of its own (d_unlinked); or a
	 * pseudo file's dentry (alloc_file_pseudo: its own root, not its mount's) named by d_dname,
	 * whose simple_dname always says deleted (memfd_secret's "/secretmem (deleted)", aio's ring).
	 * Pipes, sockets, anonymous inodes, namespaces and pidfds have a d_dname of their own, but
	 * user space names those by magic and never adds "(deleted)". */
	struct dentry___ior *mnt_root = BPF_CORE_READ((struct vfsmount___ior *)mnt, mnt_root);
	int unlinked = BPF_CORE_READ(d, d_parent) != d ? !BPF_CORE_READ(d, d_hash.pprev)
		: d != mnt_root && BPF_CORE_READ(d, d_op, d_dname);
	r->nlink = unlinked ? 0 : BPF_CORE_READ(inode, i_nlink);
	__u32 len = w.pos & (IOR_NAME_ROOM - 1);
	r->len = len;
	return ior_output(r, sizeof(*r) + len);
}

/*
 * The identity of p, named in the ring first if user space may not know it yet, or knows a name
 * older than epoch (the name epoch: renames and unlinks on the host). The thread's last named
 * identity short-cuts the LRU lookup on the hot path (the same fd again and again). Returns the
 * file system's magic when user space has the name at epoch, else 0 (no identity, or its name
 * record was lost).
 */
static __always_inline __u64 ior_ident_at(struct ior_task *ts, struct path___ior *p,
					  struct ior_ident *out, __u64 pid_tgid, __u64 epoch)
{
	__u64 magic = ior_dentry_ident(p, out);
	if (!out->ino)
		return 0;
	if (ts->named.ino == out->ino && ts->named.dev == out->dev && ts->named.gen == out->gen
	    && ts->named_epoch == epoch)
		return magic;
	__u64 *known = bpf_map_lookup_elem(&ior_named, out);
	if (!known || *known != epoch) {
		if (!ior_emit_name(p, out, pid_tgid)) {
			ior_count(IOR_LOSS_NAME);
			return 0;
		}
		bpf_map_update_elem(&ior_named, out, &epoch, BPF_ANY);
	}
	ts->named = *out;
	ts->named_epoch = epoch;
	return magic;
}

/*
 * The same at the current name epoch. A global function: inlined where it is used (the base of
 * a relative path, twice; an open's new fd; a mapped file), it made the verifier walk the
 * identity and name code once per place and path (4,500 of ior_sys_exit's instructions). p comes
 * in as plain memory; its pointers are typed again here.
 */
__noinline int ior_ident(struct ior_task *ts, struct path___ior *p, struct ior_ident *out,
			 __u64 pid_tgid)
{
	if (!ts || !p || !out)
		return 0;
	struct path___ior q = {
		.mnt = bpf_rdonly_cast(p->mnt, bpf_core_type_id_kernel(struct vfsmount___ior)),
		.dentry = bpf_rdonly_cast(p->dentry, bpf_core_type_id_kernel(struct dentry___ior)),
	};
	ior_ident_at(ts, &q, out, pid_tgid, ior_name_epoch);
	return 0;
}

/*
 * The identity of descriptor fd's file of the current task: from the thread's file cache when it
 * proves to hold. A global function: the verifier checks it once, not at each of its call sites
 * (inlined at four, it added 14,000 instructions to verify at every start).
 */
__noinline int ior_fd_ident(struct ior_task *ts, __s64 fd, struct ior_ident *out, __u64 pid_tgid)
{
	if (!ts || !out)
		return 0;
	out->ino = 0;
	out->dev = 0;
	out->gen = 0;
	struct task_struct___ior *task = ior_current();
	struct file___ior *f = ior_fd_file(task, fd);
	if (!f)
		return 0;
	struct path___ior p = { .mnt = f->f_path.mnt, .dentry = f->f_path.dentry };
	struct inode___ior *inode = f->f_inode;
	if (!p.dentry || !inode)
		return 0;
	/* the proof, read before p goes to ior_emit_name (which leaves the verifier p as plain memory) */
	__u64 ino = inode->i_ino;
	__u32 igen = inode->i_generation;
	__u32 hash = p.dentry->d_name.hash, len = p.dentry->d_name.len;
	__u64 epoch = ior_name_epoch;
	struct ior_file_cache *c = &ts->fc;
	if (c->file == (__u64)f && c->dentry == (__u64)p.dentry && c->mnt == (__u64)p.mnt
	    && c->inode == (__u64)inode && c->ino == ino && c->igen == igen && c->hash == hash
	    && c->len == len && c->epoch == epoch) {
		*out = c->id;
		return 0;
	}
	/* the key goes in now, valid once named: held across the call, it would cost stack room */
	c->file = 0;
	c->dentry = (__u64)p.dentry;
	c->mnt = (__u64)p.mnt;
	c->inode = (__u64)inode;
	c->ino = ino;
	c->igen = igen;
	c->hash = hash;
	c->len = len;
	c->epoch = epoch;
	__u64 magic = ior_ident_at(ts, &p, out, pid_tgid, epoch);
	if (!magic || magic == ANON_INODE_FS_MAGIC)
		return 0;
	c->file = (__u64)f;
	c->id = *out;
	return 0;
}

/*
 * The directory a path starts from: dirfd's, or the working directory for AT_FDCWD; for an
 * absolute path (root set) the task's root directory, which a chroot moved (named in the host's
 * view like any directory, so user space names the file in the host's view too).
 */
static __always_inline void ior_base_ident(struct task_struct___ior *task, struct ior_task *ts,
					   __s64 dirfd, int root, struct ior_ident *out,
					   __u64 pid_tgid)
{
	if ((int)dirfd != AT_FDCWD && !root) {
		ior_fd_ident(ts, dirfd, out, pid_tgid);
		return;
	}
	struct path___ior p = {};
	struct fs_struct___ior *fs = task->fs; /* direct loads, as in ior_fd_path */
	p.mnt = root ? fs->root.mnt : fs->pwd.mnt;
	p.dentry = root ? fs->root.dentry : fs->pwd.dentry;
	out->ino = 0;
	out->dev = 0;
	out->gen = 0;
	if (p.dentry)
		ior_ident(ts, &p, out, pid_tgid);
}

/* ---- Syscall arguments ---- */

/* Direct loads: regs is the tracepoint's typed struct pt_regs * (tp_btf), not a raw address. */
static __always_inline __s64 ior_reg(struct pt_regs___ior *regs, int i, int compat)
{
	/* x86_64: di si dx r10 r8 r9; ia32 (int $0x80, sysenter): bx cx dx si di bp */
	if (compat) {
		switch (i) {
		case 0: return (__s32)regs->bx;
		case 1: return (__s32)regs->cx;
		case 2: return (__s32)regs->dx;
		case 3: return (__s32)regs->si;
		case 4: return (__s32)regs->di;
		case 5: return (__s32)regs->bp;
		}
		return 0;
	}
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	case 5: return regs->r9;
	}
	return 0;
}

/*
 * The call's six arguments, loaded once into a[0..5] (a[6] and a[7] zero: the index of an absent
 * argument, -1, masked with 7). Indexed by the table's argument slots instead of a switch per
 * read: each switch made the verifier explore seven branches at every place an argument was read
 * (2,600 of the instructions it processed for ior_sys_exit).
 */
static __always_inline void ior_args(struct pt_regs___ior *regs, int compat, __s64 *a)
{
	for (int i = 0; i < 6; i++)
		a[i] = ior_reg(regs, i, compat);
	a[6] = 0;
	a[7] = 0;
}

/* A user pointer argument: zero-extended for ia32, where it is 32 bits. */
static __always_inline __u64 ior_ptr(const __s64 *a, int i, int compat)
{
	__s64 v = a[i & 7];
	return compat ? (__u32)v : (__u64)v;
}

/* Argument slot k of the table entry, or dflt when the syscall has no such argument. */
static __always_inline __s64 ior_arg(const __s64 *a, struct ior_sysent *s, int k, __s64 dflt)
{
	int i = s->arg[k & 3];
	return i < 0 ? dflt : a[i & 7];
}

/*
 * What bpf_get_current_cgroup_id returns (the cgroup v2 id), by direct loads and from the thread's
 * last answer: the id sits two objects beyond the task's css_set (the cgroup, its kernfs node),
 * two TLB misses on every call (measured ~60 ns of a write). The answer holds while the task's
 * cgroup is the same object and no directory was removed since (the name epoch counts rmdir): a
 * cgroup object is freed only after its directory's rmdir, so one reused for another cgroup
 * always comes after a new epoch.
 */
static __always_inline __u64 ior_cgroup_id(struct task_struct___ior *task, struct ior_task *ts)
{
	struct cgroup___ior *cg = task->cgroups->dfl_cgrp;
	__u64 epoch = ior_name_epoch;
	if (ts->cg != (__u64)cg || ts->cg_epoch != epoch) {
		ts->cg = (__u64)cg;
		ts->cg_epoch = epoch;
		ts->cg_id = cg->kn->id;
	}
	return ts->cg_id;
}

static __always_inline void ior_fill_enter(struct ior_enter *e, struct task_struct___ior *task,
					   struct ior_task *ts, __u32 kind, struct ior_sysent *s,
					   __u32 nr, __u32 flags, __u64 pid_tgid)
{
	ior_fill_head(&e->h, kind, s->id, flags | IOR_F_IDENT, pid_tgid);
	ts->stack_enter_ns = e->h.time_ns; /* the stack policy's slow:DURATION reads no clock of its own */
	e->seq = ts->seq;
	e->nr = nr;
	e->cgroup_id = ior_cgroup_id(task, ts);
	ior_process_comm(task, e->comm);
	ior_copy_comm(task, e->thread);
}

static __always_inline int ior_enter_fd(struct task_struct___ior *task, struct ior_task *ts,
					const __s64 *a, struct ior_sysent *s, __u32 nr,
					int compat, __u32 flags, __u64 pid_tgid)
{
	struct ior_ident file = {}, file2 = {};
	__s64 a0 = ior_arg(a, s, 0, -1);
	__s64 a1 = ior_arg(a, s, 1, 0);
	if (s->shape == IOR_SHAPE_FD) {
		/* Names first: they must reach the ring before the record that needs them. */
		ior_fd_ident(ts, a0, &file, pid_tgid);
		if (s->flags & IOR_SYS_FD2)
			ior_fd_ident(ts, a1, &file2, pid_tgid);
	}
	struct ior_enter *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_enter(r, task, ts, IOR_ENTER, s, nr, flags | (compat ? IOR_F_COMPAT : 0), pid_tgid);
	r->args[0] = a0;
	r->args[1] = a1;
	r->args[2] = ior_arg(a, s, 2, 0);
	r->args[3] = ior_arg(a, s, 3, 0);
	r->file = file;
	r->file2 = file2;
	bpf_ringbuf_submit(r, ior_submit_flags(sizeof(*r)));
	return 1;
}

/*
 * Reads up to two user paths after the fixed part at buf[fixed]; sets len[]. A path that faults
 * (its page not yet touched by the program) is remembered for the exit, when the kernel has
 * faulted it in. Returns the IOR_F_* flags to add.
 */
static __always_inline __u32 ior_read_paths(char *buf, __u32 fixed, __s32 *len, __u64 p0, __u64 p1,
					    struct ior_task *ts, int late_ok)
{
	__u32 flags = 0;
	__u32 off = 0;
	__u64 ptr[2] = {p0, p1};
	ts->late[0] = 0;
	ts->late[1] = 0;
	for (int k = 0; k < 2; k++) {
		len[k] = 0;
		if (!ptr[k])
			continue;
		int n = bpf_probe_read_user_str(buf + fixed + (off & (IOR_PATH_MAX - 1)), IOR_PATH_MAX,
						(const void *)ptr[k]);
		if (n <= 0) {
			len[k] = n < 0 ? n : 0;
			if (late_ok && n < 0) {
				ts->late[k] = ptr[k];
				flags |= IOR_F_PATH_LATE;
			}
			continue;
		}
		if (n >= IOR_PATH_MAX)
			flags |= IOR_F_PATH_CUT;
		len[k] = n - 1;
		off += n - 1;
	}
	return flags;
}

static __always_inline int ior_enter_path(struct task_struct___ior *task, struct ior_task *ts,
					  const __s64 *a, struct ior_sysent *s, __u32 nr,
					  int compat, __u32 eflags, __u64 pid_tgid)
{
	/* arg slots: dirfd, path, flags (or how), mode; name shape: old dirfd, old path, new dirfd, new path */
	__s64 dirfd = ior_arg(a, s, 0, AT_FDCWD);
	__s64 dirfd2 = AT_FDCWD;
	struct ior_ident base = {}, base2 = {};
	__u32 zero = 0;
	char *buf = bpf_map_lookup_elem(&ior_scratch, &zero);
	if (!buf)
		return 0;
	struct ior_enter_path *r = (void *)buf;
	__u64 p0 = ior_ptr(a, s->arg[1] & 7, compat), p1 = 0;
	r->e.args[0] = dirfd;
	r->e.args[3] = 0;
	if (s->shape == IOR_SHAPE_NAME) {
		p1 = ior_ptr(a, s->arg[3] & 7, compat);
		r->e.args[1] = dirfd2;
		r->e.args[2] = 0;
	} else if (s->shape == IOR_SHAPE_OPENHOW) {
		/* struct open_how: flags, mode, resolve */
		__u64 fm[3] = {};
		bpf_probe_read_user(fm, sizeof(fm), (const void *)ior_ptr(a, s->arg[2] & 7, compat));
		r->e.args[1] = fm[0];
		r->e.args[2] = fm[1];
		r->e.args[3] = fm[2];
	} else {
		r->e.args[1] = ior_arg(a, s, 2, 0);
		r->e.args[2] = ior_arg(a, s, 3, 0);
	}
	__u32 flags = eflags | ior_read_paths(buf, sizeof(*r), r->len, p0, p1, ts, 1);
	/*
	 * The bases, after the paths (an absolute one starts at the root) and before this record is
	 * copied to the ring: their names (own scratch slot) reach the ring first. An absolute path
	 * in openat2 with RESOLVE_IN_ROOT starts at dirfd: dirfd is its root.
	 */
	char *data = buf + sizeof(*r);
	int abs0 = r->len[0] > 0 && data[0] == '/';
	int abs1 = r->len[1] > 0 && data[r->len[0] > 0 ? (r->len[0] & (IOR_PATH_MAX - 1)) : 0] == '/';
	int in_root = s->shape == IOR_SHAPE_OPENHOW && (r->e.args[3] & RESOLVE_IN_ROOT);
	ior_base_ident(task, ts, dirfd, abs0 && !in_root, &base, pid_tgid);
	if (abs0)
		flags |= IOR_F_ROOT_BASE;
	if (s->shape == IOR_SHAPE_NAME) {
		dirfd2 = ior_arg(a, s, 2, AT_FDCWD);
		ior_base_ident(task, ts, dirfd2, abs1, &base2, pid_tgid);
		if (abs1)
			flags |= IOR_F_ROOT_BASE2;
	}
	ior_fill_enter(&r->e, task, ts, IOR_ENTER_PATH, s, nr, flags | (compat ? IOR_F_COMPAT : 0),
		       pid_tgid);
	r->e.file = base;
	r->e.file2 = base2;
	__u32 n0 = r->len[0] > 0 ? r->len[0] : 0;
	__u32 n1 = r->len[1] > 0 ? r->len[1] : 0;
	return ior_output(r, sizeof(*r) + (n0 & (IOR_PATH_MAX - 1)) + (n1 & (IOR_PATH_MAX - 1)));
}

/*
 * The table entry of syscall nr as this task made it, or null when it is not traced (with known:
 * when user space never filled it). Every syscall
 * of the host comes here: when neither nr's native nor its ia32 slot is traced it returns after
 * two array loads (inlined by the verifier), before any helper call. Only then is the task looked
 * up and TS_COMPAT read to pick the half. *slot gets the slot (>= IOR_NR_SLOTS: compat).
 */
static __always_inline struct ior_sysent *ior_traced(__u64 nr, __u32 *slot,
						     struct task_struct___ior **task, int known)
{
	if (nr >= IOR_NR_SLOTS)
		return 0;
	__u32 native = nr, compat = IOR_NR_SLOTS + nr;
	struct ior_sysent *s = bpf_map_lookup_elem(&ior_sys, &native);
	struct ior_sysent *c = bpf_map_lookup_elem(&ior_sys, &compat);
	/* known (exits): any slot user space filled, also one switched off since the enter */
	int on = s && (known ? s->id != 0 : (s->flags & IOR_SYS_TRACED) != 0);
	int on_compat = c && (known ? c->id != 0 : (c->flags & IOR_SYS_TRACED) != 0);
	if (!on && !on_compat)
		return 0;
	*task = ior_current();
	if ((*task)->thread_info.status & TS_COMPAT) {
		*slot = compat;
		return on_compat ? c : 0;
	}
	*slot = native;
	return on ? s : 0;
}

/* ---- User stacks of traced calls (ior.h struct ior_stack) ---- */

/* A stack as its walk found it: equal walks share an id (as the kernel's stack maps dedupe). */
struct ior_stack_key {
	__u32 depth;
	__u32 pad;
	__u64 hash; /* FNV-1a over the 64-bit addresses */
};

/*
 * The ids of the stacks sent so far (ior_stack_ids) and the last id given: a stack's frames go to
 * user space once, in an IOR_STACK_FRAMES record, and IOR_STACK records carry its id. A plain hash,
 * never evicted: an id stays valid for the whole trace, so user space keeps at most max_entries
 * stacks; when it is full, new stacks are lost (-ENOMEM), as with the kernel's stack maps.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	/* Allocated per new stack, not at load: a trace without stacks has no cost, and the load is
	 * the same whether stacks are taken or not (ior loads before it knows). */
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct ior_stack_key);
	__type(value, __u32);
} ior_stack_ids SEC(".maps");

/*
 * Stacks first seen on each CPU so far: an id is (that count << 12 | the CPU), unique without an
 * atomic (clang 14's BPF target cannot use a fetch-and-add's result below -mcpu=v3).
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ior_stack_seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ior_stack_policy);
} ior_stack_cfg SEC(".maps");

/* The raw_syscalls regs are the task's user registers: where the walk of its stack starts. */
struct pt_regs___iorstk {
	unsigned long ip;
	unsigned long bp;
	unsigned long sp;
} __attribute__((preserve_access_index));

static __always_inline struct ior_stack_policy *ior_stack_policy(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&ior_stack_cfg, &zero);
}

/*
 * ---- The executable mappings of a process with stacks (ior.h struct ior_mapping) ----
 *
 * User space names a stack's frames from the process's mappings. Read from /proc/PID/maps when
 * the consumer gets to the stack, they are gone if the process has exited by then (a short-lived
 * program loses the race). So the kernel tells them: before a process image's first stack, and
 * again when its executable mappings have changed (the loader mapped libc after the first stack
 * was taken in ld.so; a dlopen), the exit program walks the task's VMAs and emits one record per
 * executable file mapping, before the stack record (the consumer reads them first).
 *
 * The walk uses the open-coded VMA iterator, kfuncs of Linux 6.7+. They are weak: on an older
 * kernel libbpf leaves the calls unresolved, and they sit behind bpf_core_type_exists(struct
 * bpf_iter_task_vma), a constant libbpf sets at load (the struct came with the kfuncs), so the
 * verifier removes them as dead code; user space then reads /proc as before.
 */
struct bpf_iter_task_vma {
	__u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_task_vma_new(struct bpf_iter_task_vma *it, struct task_struct___ior *task,
				 __u64 addr) __weak __ksym;
extern struct vm_area_struct___ior *bpf_iter_task_vma_next(struct bpf_iter_task_vma *it) __weak __ksym;
extern void bpf_iter_task_vma_destroy(struct bpf_iter_task_vma *it) __weak __ksym;

#define VM_EXEC 0x4
#define IOR_PAGE_SHIFT 12 /* x86_64 */

/* What a process image looked like when its mappings were last emitted. */
struct ior_image {
	__u64 start_ns;  /* the group leader's start_time: a reused pid is another process */
	__u64 exec_id;   /* self_exec_id, counted up by every exec: a new image */
	__u64 exec_vm;   /* mm->exec_vm, pages of executable mappings: a library (un)mapped since */
};

/*
 * Processes whose mappings user space has, by tgid (an evicted one is walked again: harmless).
 * Each thread remembers the image it last checked (ior_task), so a stack costs this lookup only
 * on a thread's first stack and after a change.
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct ior_image);
} ior_mapped SEC(".maps");

/*
 * Emits the current process's executable file mappings unless user space has them for this image
 * already; each file is named first (ior_ident, as descriptors' files are). A global function: the
 * verifier checks it once, not on every path of the exit program. The iterator takes the mmap
 * lock with a trylock: when busy (or the ring is full) nothing is marked and the next stack tries
 * again; user space reads /proc meanwhile. Two threads of a process may both walk (the mark comes
 * after the walk, so that each one's stack follows a complete set): user space replaces the set at
 * every index 0.
 */
__noinline int ior_emit_mappings(struct ior_task *ts, __u64 pid_tgid)
{
	if (!bpf_core_type_exists(struct bpf_iter_task_vma) || !ts)
		return 0;
	struct task_struct___ior *task = ior_current();
	struct ior_image now = {
		.start_ns = task->group_leader->start_time,
		.exec_id = task->self_exec_id,
		.exec_vm = task->mm->exec_vm,
	};
	if (ts->maps_exec_id == now.exec_id && ts->maps_exec_vm == now.exec_vm)
		return 0;
	__u32 tgid = pid_tgid >> 32;
	struct ior_image *known = bpf_map_lookup_elem(&ior_mapped, &tgid);
	if (known && known->start_ns == now.start_ns && known->exec_id == now.exec_id
	    && known->exec_vm == now.exec_vm) {
		ts->maps_exec_id = now.exec_id;
		ts->maps_exec_vm = now.exec_vm;
		return 0;
	}
	struct bpf_iter_task_vma it;
	struct vm_area_struct___ior *vma;
	__u32 index = 0;
	int ok = bpf_iter_task_vma_new(&it, (void *)bpf_get_current_task_btf(), 0) == 0;
	while (ok && (vma = bpf_iter_task_vma_next(&it))) {
		struct file___ior *f = vma->vm_file;
		if (!(vma->vm_flags & VM_EXEC) || !f)
			continue;
		struct path___ior p = { .mnt = f->f_path.mnt, .dentry = f->f_path.dentry };
		struct ior_ident file = {};
		ior_ident(ts, &p, &file, pid_tgid);
		struct ior_mapping *r = ior_reserve(sizeof(*r));
		if (!r) {
			ok = 0;
			break;
		}
		ior_fill_head(&r->h, IOR_MAPPING, 0, 0, pid_tgid);
		r->index = index++;
		r->prot = vma->vm_flags & 0xf;
		r->start = vma->vm_start;
		r->end = vma->vm_end;
		r->offset = vma->vm_pgoff << IOR_PAGE_SHIFT;
		r->file = file;
		bpf_ringbuf_submit(r, ior_submit_flags(sizeof(*r)));
	}
	bpf_iter_task_vma_destroy(&it);
	if (ok) {
		bpf_map_update_elem(&ior_mapped, &tgid, &now, BPF_ANY);
		ts->maps_exec_id = now.exec_id;
		ts->maps_exec_vm = now.exec_vm;
	}
	return ok;
}

/*
 * ---- The walk of a user stack ----
 *
 * Frame pointers, as the kernel's own walk (bpf_get_stackid, perf) follows them: the interrupted
 * instruction, then from rbp each frame's saved rbp and return address. The kernel's walk reads
 * until a read fails, and a chain always ends in one: in a function built without frame pointers
 * (every Debian library; glibc's __libc_start_call_main at the bottom of every program) rbp is
 * any number, often 0. That read is a page fault in kernel mode, fixed up: measured on this
 * project's VMs, one per walk (exceptions:page_fault_kernel) and ~5 µs, most of what a stack cost.
 * This walk reads only where a frame can be: 8-byte aligned, above the previous frame (callers'
 * frames are at higher addresses), within IOR_STACK_SPAN of the stack pointer. It finds the same
 * frames and stops where the kernel's would fault.
 */
#define IOR_STACK_SPAN (8ULL << 20) /* a thread's default stack (ulimit -s): 8 MiB */
#define IOR_FNV_OFFSET 0xcbf29ce484222325ULL
#define IOR_FNV_PRIME 0x100000001b3ULL

struct ior_stack_walk {
	__u64 fp;    /* the next frame: its saved frame pointer, then its return address */
	__u64 lo;    /* the lowest address the next frame may start at */
	__u64 hi;    /* the end of the span */
	__u64 hash;
	__u64 *ips;
	__u32 n;     /* addresses in ips */
};

/*
 * One frame (bpf_loop callback): frame i + 1 (0 is the interrupted instruction). The slot comes
 * from the loop's index, which the verifier knows only as a range: a count kept in w would be a
 * new constant at each step, and the verifier would walk all 127 of them on every path.
 */
static long ior_stack_step(__u32 i, struct ior_stack_walk *w)
{
	__u64 frame[2];
	__u64 fp = w->fp;
	__u32 n = (i + 1) & 127; /* a bound the verifier sees; the loop never gets past 126 */
	if (fp < w->lo || fp >= w->hi || (fp & 7) || !n || n >= IOR_STACK_DEPTH)
		return 1;
	if (bpf_probe_read_user(frame, sizeof(frame), (void *)fp) || !frame[1])
		return 1;
	w->ips[n] = frame[1];
	w->n = n + 1;
	w->hash = (w->hash ^ frame[1]) * IOR_FNV_PRIME;
	w->lo = fp + 16;
	w->fp = frame[0];
	return 0;
}

/*
 * The id of the current user stack (ip, bp, sp: the task's user registers): walks it and, the
 * first time it is seen, sends its frames in an IOR_STACK_FRAMES record. Negative: -ENOMEM when
 * the table of ids is full, -ENOSPC when the ring had no room for the frames. A global function:
 * the verifier checks it once.
 */
_Static_assert(sizeof(struct ior_stack_frames) + IOR_STACK_DEPTH * sizeof(__u64) <= IOR_SCRATCH,
	       "the scratch holds the longest stack");

__noinline int ior_stack_id(__u64 ip, __u64 bp, __u64 sp, __u64 pid_tgid, __u32 sys)
{
	__u32 key = 2;
	char *buf = bpf_map_lookup_elem(&ior_scratch, &key);
	if (!buf)
		return -ENOMEM;
	struct ior_stack_frames *r = (void *)buf;
	r->ips[0] = ip;
	struct ior_stack_walk w = {
		.fp = bp,
		.lo = sp,
		.hi = sp + IOR_STACK_SPAN,
		.hash = (IOR_FNV_OFFSET ^ ip) * IOR_FNV_PRIME,
		.ips = r->ips,
		.n = 1,
	};
	bpf_loop(IOR_STACK_DEPTH - 1, ior_stack_step, &w, 0);
	struct ior_stack_key k = { .depth = w.n, .hash = w.hash };
	__u32 *known = bpf_map_lookup_elem(&ior_stack_ids, &k);
	if (known)
		return *known;
	__u32 zero = 0;
	__u32 *seen = bpf_map_lookup_elem(&ior_stack_seen, &zero);
	if (!seen || *seen >= (1 << 19) - 1)
		return -ENOMEM; /* 2^19 stacks on one CPU: ids would leave the positive ints */
	__u32 id = (++*seen << 12) | (bpf_get_smp_processor_id() & 0xfff);
	if (bpf_map_update_elem(&ior_stack_ids, &k, &id, BPF_NOEXIST)) {
		known = bpf_map_lookup_elem(&ior_stack_ids, &k);
		return known ? *known : -ENOMEM; /* another CPU's id for it, or the table is full */
	}
	ior_fill_head(&r->h, IOR_STACK_FRAMES, sys, 0, pid_tgid);
	r->stack_id = id;
	__u32 n = w.n;
	if (n > IOR_STACK_DEPTH)
		n = IOR_STACK_DEPTH;
	r->depth = n;
	if (!ior_output(r, sizeof(*r) + n * sizeof(__u64))) {
		bpf_map_delete_elem(&ior_stack_ids, &k); /* sent next time */
		return -ENOSPC;
	}
	return id;
}

/*
 * At exit, before the exit record: when the policy takes this call's stack, its id (the walk
 * above) goes out in an IOR_STACK record, its frames before it when they are new. The walk runs
 * here, at the exit, so the slow policy knows the latency (now: the exit record's time; the
 * enter's is in ts, from its record); the user stack is the same as at the enter (the task has
 * not returned to user space).
 */
static __always_inline void ior_stack_exit(struct pt_regs___ior *regs, struct ior_task *ts,
					   struct ior_sysent *s, __u64 pid_tgid, __u64 now)
{
	struct ior_stack_policy *p = ior_stack_policy();
	if (!p || (!p->every && !p->slow_ns))
		return;
	int take = 0;
	if (p->every && ++ts->stack_calls >= p->every) {
		ts->stack_calls = 0;
		take = 1;
	}
	if (!take && p->slow_ns && ts->stack_enter_ns && now - ts->stack_enter_ns >= p->slow_ns)
		take = 1;
	if (!take)
		return;
	/* A load-time constant (CO-RE): on kernels without the VMA iterator this is no code at all. */
	if (bpf_core_type_exists(struct bpf_iter_task_vma))
		ior_emit_mappings(ts, pid_tgid);
	struct pt_regs___iorstk *u = (void *)regs;
	__u64 sp = u->sp;
	int id = ior_stack_id(u->ip, u->bp, sp, pid_tgid, s->id);
	struct ior_stack *r = ior_reserve(sizeof(*r));
	if (!r)
		return;
	ior_fill_head(&r->h, IOR_STACK, s->id, 0, pid_tgid);
	r->seq = ts->seq;
	r->stack_id = id;
	if (bpf_probe_read_user(&r->sp_word, sizeof(r->sp_word), (void *)sp))
		r->sp_word = 0;
	bpf_ringbuf_submit(r, ior_submit_flags(sizeof(*r)));
}

static __always_inline int ior_enter_record(struct task_struct___ior *task, struct ior_task *ts,
					    const __s64 *a, struct ior_sysent *s, __u32 nr, int compat,
					    __u32 flags, __u64 pid_tgid)
{
	if (s->shape >= IOR_SHAPE_PATH)
		return ior_enter_path(task, ts, a, s, nr, compat, flags, pid_tgid);
	return ior_enter_fd(task, ts, a, s, nr, compat, flags, pid_tgid);
}

/*
 * The enter record of a refused call, built at its exit from the arguments in ts->args
 * (slot_flags: the table slot, and the record's flags in the upper half); nonzero when it reached
 * the ring. A global function: inlined in ior_sys_exit, the verifier walked the whole enter
 * again with all of the exit's state (4,800 of ior_sys_exit's instructions). Not for ior_sys_enter,
 * where the call cost each traced call ~15 ns.
 */
__noinline int ior_enter_refused(struct ior_task *ts, struct ior_sysent *s, __u32 nr,
				 __u64 slot_flags, __u64 pid_tgid)
{
	if (!ts || !s)
		return 0;
	return ior_enter_record(ior_current(), ts, ts->args, s, nr,
				(__u32)slot_flags >= IOR_NR_SLOTS, slot_flags >> 32, pid_tgid);
}

/*
 * Emits the enter record of a call and remembers it for the exit (flags: IOR_F_REFUSED, from
 * ior_sys_exit, or 0).
 */
static __always_inline void ior_emit_enter(struct task_struct___ior *task, struct ior_task *ts,
					   struct pt_regs___ior *regs, struct ior_sysent *s, __u32 nr,
					   __u32 slot, __u32 flags, __u64 pid_tgid)
{
	int compat = slot >= IOR_NR_SLOTS;
	ts->seq++;
	ts->pending = 0;
	ts->restart = 0;
	ts->late[0] = 0;
	ts->late[1] = 0;
	int ok;
	if (flags & IOR_F_REFUSED) {
		/* in the task's storage: ior_sys_exit's stack has no room left (512 bytes) */
		ior_args(regs, compat, ts->args);
		ok = ior_enter_refused(ts, s, nr, (__u64)flags << 32 | slot, pid_tgid);
	} else {
		__s64 a[8];
		ior_args(regs, compat, a);
		ok = ior_enter_record(task, ts, a, s, nr, compat, flags, pid_tgid);
	}
	ts->pending = ok ? slot + 1 : (slot + 1) | IOR_PENDING_LOST;
}

/* bpf_find_vma callback: whether the mapping that holds the address maps a file. */
static long ior_vma_file(struct task_struct *task, struct vm_area_struct___ior *vma, int *file)
{
	*file = vma->vm_file != 0;
	return 0;
}

/*
 * For a syscall traced only on file mappings (IOR_SYS_FILE_MAP: mmap and munmap of the default
 * selection): whether this call is one on anonymous memory, left out. mmap says so in its flags;
 * munmap asks the task's own mapping of the range's first page (bpf_find_vma, under a trylock of
 * the mm: a busy mm counts as a file, shown rather than lost). Only traced tasks get here.
 */
static __always_inline int ior_anon_map(struct task_struct___ior *task, struct pt_regs___ior *regs,
					struct ior_sysent *s, int compat)
{
	if (!(s->flags & IOR_SYS_FILE_MAP) || compat)
		return 0;
	if (s->shape == IOR_SHAPE_FD) {
		if (ior_reg(regs, 3, 0) & MAP_ANONYMOUS)
			return 1;
		/* an anonymous inode's mapping (a BPF map's ring, perf buffers) is not a file's either */
		struct path___ior p = {};
		if (!ior_fd_path(task, ior_reg(regs, 4, 0), &p))
			return 0;
		struct inode___ior *inode = p.dentry->d_inode;
		return inode && inode->i_sb->s_magic == ANON_INODE_FS_MAGIC;
	}
	int file = 1;
	bpf_find_vma(bpf_get_current_task_btf(), ior_reg(regs, 0, 0), ior_vma_file, &file, 0);
	return !file;
}

/*
 * An exit whose enter this thread did not emit: a call refused before it ran (a seccomp filter's
 * SECCOMP_RET_ERRNO, a tracer skipping it) fires sys_exit without sys_enter. The argument
 * registers are intact at the exit on x86_64, so the enter is built from them, marked refused. A
 * thread that was already inside the call when tracing started looks alike: only threads under a
 * seccomp filter whose call failed (or returned 0, SECCOMP_RET_ERRNO's 0) count as refused.
 */
static __always_inline int ior_refused(struct task_struct___ior *task, struct pt_regs___ior *regs,
				       struct ior_sysent *s, __u32 nr, __u32 slot, long ret)
{
	if (!(s->flags & IOR_SYS_TRACED) || ret > 0 || task->seccomp.mode != SECCOMP_MODE_FILTER)
		return 0;
	__u64 pid_tgid = ior_pid_tgid(task);
	if (ior_skip(task, pid_tgid) || ior_anon_map(task, regs, s, slot >= IOR_NR_SLOTS))
		return 0;
	struct ior_task *ts = bpf_task_storage_get(&ior_tasks, bpf_get_current_task_btf(), 0,
						   BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts) {
		ior_count(IOR_LOSS_STORAGE);
		return 0;
	}
	ior_emit_enter(task, ts, regs, s, nr, slot, IOR_F_REFUSED, pid_tgid);
	return ts->pending == slot + 1;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(ior_sys_enter, struct pt_regs___ior *regs, long id)
{
	struct task_struct___ior *task = 0;
	__u32 slot = 0;
	struct ior_sysent *s = ior_traced(id, &slot, &task, 0);
	if (!s || !task)
		return 0;
	__u64 pid_tgid = ior_pid_tgid(task);
	if (ior_skip(task, pid_tgid) || ior_anon_map(task, regs, s, slot >= IOR_NR_SLOTS))
		return 0;
	struct ior_task *ts = bpf_task_storage_get(&ior_tasks, bpf_get_current_task_btf(), 0,
						   BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts) {
		ior_count(IOR_LOSS_STORAGE);
		return 0;
	}
	ior_emit_enter(task, ts, regs, s, id, slot, 0, pid_tgid);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(ior_sys_exit, struct pt_regs___ior *regs, long ret)
{
	__u64 nr = regs->orig_ax;
	struct task_struct___ior *task = 0;
	__u32 slot = 0;
	/* Not "traced" but "known": a syscall switched off while a call was in it still returns. */
	struct ior_sysent *s = ior_traced(nr, &slot, &task, 1);
	if (!s || !task)
		return 0;
	if ((s->flags & IOR_SYS_RENAMES) && ret == 0)
		__sync_fetch_and_add(&ior_name_epoch, 1);
	int compat = slot >= IOR_NR_SLOTS;
	struct ior_task *ts = bpf_task_storage_get(&ior_tasks, bpf_get_current_task_btf(), 0, 0);
	if (!ts || ts->pending != slot + 1) {
		if (ts && ts->pending == ((slot + 1) | IOR_PENDING_LOST)) {
			ts->pending = 0;
			return 0;
		}
		if (!ior_refused(task, regs, s, nr, slot, ret))
			return 0;
		ts = bpf_task_storage_get(&ior_tasks, bpf_get_current_task_btf(), 0, 0);
		if (!ts)
			return 0;
	}
	ts->pending = 0;
	if (ior_stopped)
		return 0;
	__u64 pid_tgid = ior_pid_tgid(task);
	ts->restart = ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK;
	/* One clock read for the exit: its record's time and the slow policy's latency. */
	__u64 now = bpf_ktime_get_ns();
	ior_stack_exit(regs, ts, s, pid_tgid, now);
	struct ior_ident file = {};
	if ((s->flags & IOR_SYS_RET_FD) && ret >= 0) {
		/* The new descriptor's name is the kernel's (f_path), not the path the open was given:
		 * symlinks, /proc/self/fd/N, O_TMPFILE, another root. Named before the exit record. */
		struct path___ior p = {};
		if (ior_fd_path(task, ret, &p))
			ior_ident(ts, &p, &file, pid_tgid);
	}
	__u32 flags = compat ? IOR_F_COMPAT : 0;
	struct ior_exit *x;
	int late = ts->late[0] || ts->late[1];
	__u32 zero = 0;
	char *buf = 0;
	if (late) {
		buf = bpf_map_lookup_elem(&ior_scratch, &zero);
		if (!buf)
			return 0;
		x = (void *)buf;
	} else {
		x = ior_reserve(sizeof(*x));
		if (!x)
			return 0;
	}
	ior_fill_head_at(&x->h, late ? IOR_EXIT_PATH : IOR_EXIT, s->id, flags, pid_tgid, now);
	x->seq = ts->seq;
	x->nr = nr;
	x->ret = ret;
	x->file = file;
	if (late) {
		struct ior_exit_path *xp = (void *)buf;
		xp->x.h.flags |= ior_read_paths(buf, sizeof(*xp), xp->len, ts->late[0], ts->late[1], ts, 0);
		__u32 n0 = xp->len[0] > 0 ? xp->len[0] : 0;
		__u32 n1 = xp->len[1] > 0 ? xp->len[1] : 0;
		ior_output(xp, sizeof(*xp) + (n0 & (IOR_PATH_MAX - 1)) + (n1 & (IOR_PATH_MAX - 1)));
	} else {
		bpf_ringbuf_submit(x, ior_submit_flags(sizeof(*x)));
	}
	return 0;
}

/*
 * After the exit of a call that returned -ERESTART*, the kernel delivers a pending signal: a
 * handler that runs turns the call into EINTR unless the code and SA_RESTART say restart. This
 * tells user space what the kernel decides, instead of guessing from the thread's next call.
 */
struct k_sigaction___ior {
	struct {
		void *sa_handler;
		unsigned long sa_flags;
	} sa;
} __attribute__((preserve_access_index));

SEC("tp_btf/signal_deliver")
int BPF_PROG(ior_signal, int sig, void *info, struct k_sigaction___ior *ka)
{
	struct task_struct___ior *task = ior_current();
	struct ior_task *ts = bpf_task_storage_get(&ior_tasks, bpf_get_current_task_btf(), 0, 0);
	if (!ts || !ts->restart || ior_stopped)
		return 0;
	__u64 handler = (__u64)BPF_CORE_READ(ka, sa.sa_handler);
	if (handler > 1)
		ts->restart = 0; /* a handler runs: the kernel has decided; later signals do not matter */
	struct ior_signal *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_head(&r->h, IOR_SIGNAL, 0, 0, ior_pid_tgid(task));
	r->sig = sig;
	r->handler = handler > 1 ? 2 : handler;
	r->sa_flags = BPF_CORE_READ(ka, sa.sa_flags);
	bpf_ringbuf_submit(r, ior_submit_flags(sizeof(*r)));
	return 0;
}

/* ---- Process life cycle: comm on exec, fd tables copied on fork, freed on exit ---- */

static __always_inline int ior_proc(struct task_struct___ior *task, __u32 kind, __u32 flags,
				    __u32 other_pid, __u32 other_tid)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct ior_proc *r = ior_reserve(sizeof(*r));
	if (!r)
		return 0;
	ior_fill_head(&r->h, kind, 0, flags, pid_tgid);
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	r->other_pid = other_pid;
	r->other_tid = other_tid;
	r->cgroup_id = bpf_get_current_cgroup_id();
	bpf_ringbuf_submit(r, ior_submit_flags(sizeof(*r)));
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(ior_exec, struct task_struct___ior *p, int old_pid, void *bprm)
{
	struct task_struct___ior *task = ior_current();
	if (ior_skip(task, bpf_get_current_pid_tgid()))
		return 0;
	return ior_proc(task, IOR_PROC_EXEC, 0, 0, old_pid);
}

/* Runs in the parent before the child can run: a followed parent's child is traced from its start. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(ior_fork, struct task_struct___ior *parent, struct task_struct___ior *child)
{
	struct task_struct___ior *task = ior_current();
	__u32 child_pid = BPF_CORE_READ(child, tgid);
	__u32 child_tid = BPF_CORE_READ(child, pid);
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	if (ior_cfg.follow && child_pid != pid && bpf_map_lookup_elem(&ior_pids, &pid)) {
		__u8 one = 1;
		bpf_map_update_elem(&ior_pids, &child_pid, &one, BPF_ANY);
	}
	if (ior_skip(task, bpf_get_current_pid_tgid()))
		return 0;
	__u32 flags = child_pid == pid ? IOR_F_THREAD
		: BPF_CORE_READ(child, files) == task->files ? IOR_F_SHARED_FILES : 0;
	return ior_proc(task, IOR_PROC_FORK, flags, child_pid, child_tid);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(ior_task_exit, struct task_struct___ior *p)
{
	struct task_struct___ior *task = ior_current();
	/* do_exit decrements signal->live before this tracepoint: 0 means the last thread. */
	int group_dead = BPF_CORE_READ(task, signal, live.counter) == 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	int skip = ior_skip(task, pid_tgid);
	if (group_dead && ior_cfg.follow) {
		__u32 pid = pid_tgid >> 32;
		bpf_map_delete_elem(&ior_pids, &pid);
	}
	if (skip)
		return 0;
	return ior_proc(task, IOR_TASK_EXIT, group_dead ? IOR_F_GROUP_DEAD : 0, 0, 0);
}

char LICENSE[] SEC("license") = "GPL";
