/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The records the BPF programs put into the ring buffer and the maps user space fills: the single
 * definition of the kernel/user boundary (record format version 2). The Java side
 * (ior-core dev.ior.core.internal.decode.RecordLayout) pins the same offsets; RecordLayoutTest compiles this
 * header with gcc and compares them.
 *
 * Little-endian. Every record starts with struct ior_head whose first field is the kind. Records of
 * fixed kinds have a fixed size; the path-carrying kinds (IOR_ENTER_PATH, IOR_EXIT_PATH, IOR_NAME)
 * are a fixed part followed by variable-length bytes, rounded up to 8 by the ring buffer.
 * "pid" is the process (kernel tgid), "tid" the thread (kernel pid). time_ns is bpf_ktime_get_ns():
 * CLOCK_MONOTONIC, the clock of Java's System.nanoTime().
 */
#ifndef IOR_H
#define IOR_H

#include <linux/types.h>

#define IOR_COMM_LEN 16
/* PATH_MAX: the kernel refuses longer paths (ENAMETOOLONG), so nothing longer needs carrying. */
#define IOR_PATH_MAX 4096
/* Syscall table slots: x86_64 numbers at [0, 512), ia32 (compat) numbers at [512, 1024). */
#define IOR_NR_SLOTS 512
#define IOR_TABLE_SIZE (2 * IOR_NR_SLOTS)

enum ior_kind {
	IOR_EXIT = 1,        /* struct ior_exit: a syscall returned */
	IOR_ENTER = 2,       /* struct ior_enter: shapes none and fd */
	IOR_ENTER_PATH = 3,  /* struct ior_enter_path: shapes path, open, openhow, name */
	IOR_PROC_EXEC = 5,   /* struct ior_proc: exec replaced the image (new comm) */
	IOR_PROC_FORK = 6,   /* struct ior_proc: a new task (thread or process) */
	IOR_TASK_EXIT = 7,   /* struct ior_proc: a task ended */
	IOR_EXIT_PATH = 8,   /* struct ior_exit_path: exit plus what the enter could not carry */
	IOR_NAME = 9,        /* struct ior_name: the kernel's name of a file identity */
	IOR_SIGNAL = 10,     /* struct ior_signal: a signal delivered after a call returned -ERESTART* */
	IOR_STACK = 12,      /* struct ior_stack: the user stack of the call whose exit follows */
	IOR_MAPPING = 13,    /* struct ior_mapping: an executable file mapping of a process with stacks */
	IOR_STACK_FRAMES = 14, /* struct ior_stack_frames: the frames of a stack id, before its first use */
};

/* Shapes of a syscall's arguments (ior_sysent.shape); the same words as syscalls.tsv. */
enum ior_shape {
	IOR_SHAPE_NONE = 0,
	IOR_SHAPE_FD = 1,      /* args[] are integers, args[0] a descriptor */
	IOR_SHAPE_PATH = 2,    /* dirfd, path, one integer */
	IOR_SHAPE_OPEN = 3,    /* dirfd, path, flags, mode; returns a descriptor */
	IOR_SHAPE_OPENHOW = 4, /* dirfd, path, struct open_how *; returns a descriptor */
	IOR_SHAPE_NAME = 5,    /* old dirfd, old path, new dirfd, new path */
};

/* ior_sysent.flags */
#define IOR_SYS_TRACED 0x01  /* selected: emit records */
#define IOR_SYS_FD2 0x02     /* fd shape: args[1] is a second descriptor (transfers) */
#define IOR_SYS_RET_FD 0x04  /* a successful call returns a new descriptor */
#define IOR_SYS_RENAMES 0x08 /* a successful call may change names (rename, unlink, rmdir, link): filled
                                traced or not, its exit counts the name epoch for every process */
#define IOR_SYS_FILE_MAP 0x10 /* traced only on a file mapping: mmap without MAP_ANONYMOUS, munmap of
                                 a range whose first page maps a file (the default selection's mmap) */

/*
 * One slot of the syscall table (map ior_sys), indexed by syscall number (+512 for ia32). User space
 * fills it from syscalls.tsv and the running arch's numbers; selecting a syscall is a map write.
 */
struct ior_sysent {
	__u16 id;            /* our stable syscall id (syscalls.tsv); 0: unknown */
	__u8 shape;          /* enum ior_shape */
	__u8 flags;          /* IOR_SYS_* */
	__s8 arg[4];         /* argument indices for the shape's slots; -1: absent */
};

/* ior_head.flags */
#define IOR_F_COMPAT 0x01     /* a 32-bit (ia32) syscall: int $0x80 or a compat task */
#define IOR_F_PATH_LATE 0x02  /* enter: a path was unreadable at entry; the exit carries it */
#define IOR_F_PATH_CUT 0x04   /* a path was longer than the record could carry */
#define IOR_F_GROUP_DEAD 0x08 /* task exit: the last thread of the process ended */
#define IOR_F_THREAD 0x10     /* fork: the new task is a thread of the same process */
#define IOR_F_REFUSED 0x20    /* enter: built at the exit; the call never ran (seccomp, a tracer) */
#define IOR_F_SHARED_FILES 0x40 /* fork: the new process shares its parent's fd table (CLONE_FILES) */
#define IOR_F_IDENT 0x80      /* enter: file/file2 read from the task's fd table (none: not open) */
#define IOR_F_ROOT_BASE 0x100 /* path enter: path 0 is absolute; file is the directory it starts at
                                 (the task's root, or openat2's dirfd with RESOLVE_IN_ROOT) */
#define IOR_F_ROOT_BASE2 0x200 /* the same for path 1 (name shape) and file2 */

struct ior_head {
	__u32 kind;          /* enum ior_kind */
	__u16 sys;           /* our stable syscall id, 0 for process and name records */
	__u16 flags;         /* IOR_F_* */
	__u32 pid;           /* process id (tgid) */
	__u32 tid;           /* thread id */
	__u64 time_ns;       /* CLOCK_MONOTONIC */
};

/*
 * What a descriptor or directory referred to at the time of a call: device, inode number and
 * generation (which tells a reused inode number apart). ino 0: none (no such descriptor, or an
 * absolute path that needs no base).
 */
struct ior_ident {
	__u64 ino;
	__u32 dev;           /* the superblock's s_dev, kernel encoding (major << 20 | minor) */
	__u32 gen;           /* i_generation */
};

struct ior_exit {
	struct ior_head h;
	__u32 seq;           /* the enter's seq: proves the two halves belong together */
	__u32 nr;            /* the arch syscall number */
	__s64 ret;           /* the syscall's return value; negative errno on failure */
	struct ior_ident file; /* a new descriptor's file (IOR_SYS_RET_FD, ret >= 0), else zero */
};

struct ior_enter {
	struct ior_head h;
	__u32 seq;           /* per-thread count of emitted enters; the exit repeats it */
	__u32 nr;            /* the arch syscall number (ia32 numbers when IOR_F_COMPAT) */
	__u64 cgroup_id;     /* the task's cgroup v2 id */
	char comm[IOR_COMM_LEN];   /* the process's comm (thread group leader), NUL-padded */
	char thread[IOR_COMM_LEN]; /* the thread's own comm */
	__s64 args[4];       /* fd shape: the integer arguments of the table's args column; openhow:
	                        dirfd, how.flags, how.mode, how.resolve */
	struct ior_ident file;  /* fd shape: args[0]'s file; path shapes: the directory the path starts
	                           at (IOR_F_ROOT_BASE: an absolute path's root) */
	struct ior_ident file2; /* fd shape with IOR_SYS_FD2: args[1]'s file; name shape: new base */
};

/*
 * Path shapes. args[] holds dirfd, flags, mode (open shapes; openhow read from struct open_how),
 * or old dirfd, new dirfd (name shape), or dirfd, the third integer (path shape). The path bytes
 * follow: len[0] bytes of the first path, then len[1] bytes of the second (name shape), each
 * without its NUL. A negative len is the -errno of a failed copy (IOR_F_PATH_LATE then set when
 * the exit retries it).
 */
struct ior_enter_path {
	struct ior_enter e;
	__s32 len[2];
	/* char data[len[0] + len[1]] */
};

/* An exit that also carries the paths the enter could not read (IOR_F_PATH_LATE). */
struct ior_exit_path {
	struct ior_exit x;
	__s32 len[2];
	/* char data[len[0] + len[1]] */
};

/*
 * The kernel's name for a file identity, emitted before the first record that needs it and again
 * whenever it may have changed (an LRU map in the kernel remembers the name epoch, counted up by
 * every rename, unlink and rmdir on the host, at which each identity was named). The components
 * follow, leaf first, each NUL-terminated: "b.txt\0dir\0tmp\0" is /tmp/dir/b.txt, up to the root
 * of the mount tree the file is in (the host's view, as /proc/PID/fd shows it to root). magic is
 * the filesystem's s_magic, so that user space names pipes, sockets, anonymous inodes, pidfds and
 * namespaces as /proc does; for nsfs the data is the namespace type ("net\0"), not a walk.
 */
struct ior_name {
	struct ior_head h;   /* flags: IOR_F_PATH_CUT when the walk stopped before the root */
	struct ior_ident id;
	__u64 magic;
	__u32 nlink;         /* 0: deleted (unlinked while open, or its dentry no longer linked) */
	__u32 len;           /* bytes of components that follow */
	/* char data[len] */
};

/*
 * A signal the kernel delivers to a thread whose last traced call returned a restart code
 * (-ERESTARTSYS and friends): whether a handler runs and its sa_flags decide, in the kernel,
 * whether the call is restarted or returns EINTR to the program.
 */
struct ior_signal {
	struct ior_head h;
	__u32 sig;
	__u32 handler;       /* 0: SIG_DFL, 1: SIG_IGN, 2: a handler runs */
	__u64 sa_flags;      /* SA_RESTART is 0x10000000 */
};

struct ior_proc {
	struct ior_head h;
	char comm[IOR_COMM_LEN]; /* exec: the new comm; others: the task's comm */
	__u32 other_pid;     /* fork: the new task's process (tgid) */
	__u32 other_tid;     /* fork: the new task's tid */
	__u64 cgroup_id;
};

/* Knobs user space writes after load, before attach (section .data.cfg of ior.bpf.c). */
struct ior_config {
	__u32 self_pid;      /* the tracer's own process: never traced; 0: traced but for ior_skip_tids */
	__u32 target_pid;    /* 0: every process */
	__u32 target_tid;    /* 0: every thread */
	__u32 comm_len;      /* 0: no comm filter; else length of comm (substring of the process's comm) */
	char comm[IOR_COMM_LEN];
	__u64 wakeup_bytes;  /* 0: wake the consumer per record (kernel default); else batch */
	__u64 cgroup_id;     /* 0: every cgroup; else only tasks in it or below */
	__u32 cgroup_level;  /* the depth of cgroup_id below the root (ancestor level to compare) */
	__u32 follow;        /* 1: only processes in map ior_pids (fed by fork, emptied by exit) */
};

/*
 * The user-space stack of a traced call, emitted by the exit program just before the call's exit
 * record when the stack policy (map ior_stack_cfg) takes it. It carries an id: the frames went to
 * user space once, in an IOR_STACK_FRAMES record before the id's first use (equal walks, one id,
 * map ior_stack_ids). Calls whose stack is not taken get no record: their exits and totals are
 * unchanged.
 */
struct ior_stack {
	struct ior_head h;   /* sys: the call's syscall id */
	__u32 seq;           /* the enter's seq: the exit this stack belongs to */
	__s32 stack_id;      /* the id of frames sent before (IOR_STACK_FRAMES); negative: -errno */
	__u64 sp_word;       /* the word at the user stack pointer: the return address into the
			      * caller when the innermost function (a libc syscall wrapper) has no
			      * frame of its own, which a frame-pointer walk skips; 0 if unreadable */
};

/*
 * The frames of a user stack, sent once per trace and stack (equal walks share the id), before the
 * first IOR_STACK record that carries its id. Variable length: depth addresses follow.
 */
struct ior_stack_frames {
	struct ior_head h;   /* sys: the call's syscall id; pid, tid: where it was first seen */
	__u32 stack_id;      /* 1, 2, ... in the order stacks were first seen */
	__u32 depth;         /* addresses in ips: 1 to IOR_STACK_DEPTH */
	__u64 ips[];         /* innermost first: the instruction after the syscall, then return addresses */
};

/*
 * An executable file mapping of a process (a VMA with VM_EXEC and a file), emitted before the
 * first IOR_STACK of a process image and again before a stack when its executable mappings have
 * changed since (Linux 6.7+: the VMA iterator; older kernels send none). One walk sends every such
 * mapping in address order, index 0 first: user space replaces what it had for the process then.
 * With them user space names the frames of a process that has exited before its stacks are read.
 */
struct ior_mapping {
	struct ior_head h;   /* tid: the thread whose stack follows */
	__u32 index;         /* position in this walk; 0: the first */
	__u32 prot;          /* the low bits of vm_flags: 1 read, 2 write, 4 exec, 8 shared */
	__u64 start;         /* first address */
	__u64 end;           /* end address (exclusive) */
	__u64 offset;        /* file offset of start, bytes (vm_pgoff << PAGE_SHIFT) */
	struct ior_ident file; /* the mapped file; an IOR_NAME record named it before (ino 0: unnamed) */
};

/* Which calls get a stack (map ior_stack_cfg, one entry); all zero: none. */
struct ior_stack_policy {
	__u32 every;         /* every Nth call of a thread (1: all); 0: not by count */
	__u32 reserved;
	__u64 slow_ns;       /* calls that took at least this long; 0: not by latency */
};

/* Frames kept per stack at most, perf's default kernel.perf_event_max_stack. */
#define IOR_STACK_DEPTH 127

#define IOR_ASSERT_AT(type, field, off) \
	_Static_assert(__builtin_offsetof(struct type, field) == (off), #type "." #field)

_Static_assert(sizeof(struct ior_sysent) == 8, "ior_sysent");
_Static_assert(sizeof(struct ior_head) == 24, "ior_head");
_Static_assert(sizeof(struct ior_ident) == 16, "ior_ident");
_Static_assert(sizeof(struct ior_exit) == 56, "ior_exit");
_Static_assert(sizeof(struct ior_enter) == 136, "ior_enter");
_Static_assert(sizeof(struct ior_enter_path) == 144, "ior_enter_path");
_Static_assert(sizeof(struct ior_exit_path) == 64, "ior_exit_path");
_Static_assert(sizeof(struct ior_name) == 56, "ior_name");
_Static_assert(sizeof(struct ior_proc) == 56, "ior_proc");
_Static_assert(sizeof(struct ior_signal) == 40, "ior_signal");
_Static_assert(sizeof(struct ior_config) == 56, "ior_config");
IOR_ASSERT_AT(ior_head, sys, 4);
IOR_ASSERT_AT(ior_head, flags, 6);
IOR_ASSERT_AT(ior_head, pid, 8);
IOR_ASSERT_AT(ior_head, tid, 12);
IOR_ASSERT_AT(ior_head, time_ns, 16);
IOR_ASSERT_AT(ior_ident, dev, 8);
IOR_ASSERT_AT(ior_ident, gen, 12);
IOR_ASSERT_AT(ior_exit, seq, 24);
IOR_ASSERT_AT(ior_exit, nr, 28);
IOR_ASSERT_AT(ior_exit, ret, 32);
IOR_ASSERT_AT(ior_exit, file, 40);
IOR_ASSERT_AT(ior_enter, seq, 24);
IOR_ASSERT_AT(ior_enter, nr, 28);
IOR_ASSERT_AT(ior_enter, cgroup_id, 32);
IOR_ASSERT_AT(ior_enter, comm, 40);
IOR_ASSERT_AT(ior_enter, thread, 56);
IOR_ASSERT_AT(ior_enter, args, 72);
IOR_ASSERT_AT(ior_enter, file, 104);
IOR_ASSERT_AT(ior_enter, file2, 120);
IOR_ASSERT_AT(ior_enter_path, len, 136);
IOR_ASSERT_AT(ior_exit_path, len, 56);
IOR_ASSERT_AT(ior_name, id, 24);
IOR_ASSERT_AT(ior_name, magic, 40);
IOR_ASSERT_AT(ior_name, nlink, 48);
IOR_ASSERT_AT(ior_name, len, 52);
IOR_ASSERT_AT(ior_signal, sig, 24);
IOR_ASSERT_AT(ior_signal, handler, 28);
IOR_ASSERT_AT(ior_signal, sa_flags, 32);
IOR_ASSERT_AT(ior_proc, comm, 24);
IOR_ASSERT_AT(ior_proc, other_pid, 40);
IOR_ASSERT_AT(ior_proc, other_tid, 44);
IOR_ASSERT_AT(ior_proc, cgroup_id, 48);
IOR_ASSERT_AT(ior_config, comm, 16);
IOR_ASSERT_AT(ior_config, wakeup_bytes, 32);
IOR_ASSERT_AT(ior_config, cgroup_id, 40);
IOR_ASSERT_AT(ior_config, cgroup_level, 48);
IOR_ASSERT_AT(ior_config, follow, 52);
_Static_assert(sizeof(struct ior_stack) == 40, "ior_stack");
_Static_assert(sizeof(struct ior_stack_policy) == 16, "ior_stack_policy");
IOR_ASSERT_AT(ior_stack, seq, 24);
IOR_ASSERT_AT(ior_stack, stack_id, 28);
IOR_ASSERT_AT(ior_stack, sp_word, 32);
IOR_ASSERT_AT(ior_stack_policy, slow_ns, 8);
_Static_assert(sizeof(struct ior_stack_frames) == 32, "ior_stack_frames");
IOR_ASSERT_AT(ior_stack_frames, stack_id, 24);
IOR_ASSERT_AT(ior_stack_frames, depth, 28);
_Static_assert(sizeof(struct ior_mapping) == 72, "ior_mapping");
IOR_ASSERT_AT(ior_mapping, index, 24);
IOR_ASSERT_AT(ior_mapping, prot, 28);
IOR_ASSERT_AT(ior_mapping, start, 32);
IOR_ASSERT_AT(ior_mapping, end, 40);
IOR_ASSERT_AT(ior_mapping, offset, 48);
IOR_ASSERT_AT(ior_mapping, file, 56);

#endif
