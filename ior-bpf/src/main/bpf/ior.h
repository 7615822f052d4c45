/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The records the BPF programs put into the ring buffer: the single definition of the
 * kernel/user boundary. The Java decoder (ior-core, dev.ior.core.decode.RecordLayout) pins the
 * same offsets; RecordLayoutTest compiles this header with gcc and compares them.
 *
 * All records are little-endian, fixed size per kind, and start with struct ior_head whose
 * first field is the kind. "pid" is the process (kernel tgid), "tid" the thread (kernel pid).
 * time_ns is bpf_ktime_get_ns(): CLOCK_MONOTONIC, the clock of Java's System.nanoTime().
 */
#ifndef IOR_H
#define IOR_H

#include <linux/types.h>

#define IOR_COMM_LEN 16
#define IOR_PATH_LEN 256

enum ior_kind {
	IOR_EXIT = 1,        /* struct ior_exit: a syscall returned */
	IOR_ENTER_ARGS = 2,  /* struct ior_enter_args: shapes none and fd */
	IOR_ENTER_PATH = 3,  /* struct ior_enter_path: shapes path, open, openhow */
	IOR_ENTER_NAME = 4,  /* struct ior_enter_name: shape name (rename, link, symlink) */
	IOR_PROC_EXEC = 5,   /* struct ior_proc: exec replaced the image (new comm) */
	IOR_PROC_FORK = 6,   /* struct ior_proc: other_tid is the new task (thread or process) */
	IOR_TASK_EXIT = 7,   /* struct ior_proc: a task ended; tid == pid means the process */
};

struct ior_head {
	__u32 kind;          /* enum ior_kind */
	__u32 sys;           /* our stable syscall id (syscalls.tsv), 0 for process records */
	__u32 pid;           /* process id (tgid) */
	__u32 tid;           /* thread id */
	__u64 time_ns;       /* CLOCK_MONOTONIC */
};

struct ior_exit {
	struct ior_head h;
	__s64 ret;           /* the syscall's return value; negative errno on failure */
};

struct ior_enter {
	struct ior_head h;
	char comm[IOR_COMM_LEN]; /* the task's comm at the time of the call, NUL-padded */
};

struct ior_enter_args {
	struct ior_enter e;
	__s64 args[3];       /* raw argument registers chosen by the syscall table's args column */
};

struct ior_enter_path {
	struct ior_enter e;
	__s64 dirfd;         /* raw register; AT_FDCWD (-100) when the call has no dirfd */
	__s64 flags;         /* open flags (open/openhow shapes) or the third integer argument */
	__s64 mode;          /* create mode (open/openhow shapes) */
	__s32 path_len;      /* bytes copied including the NUL, or a negative errno */
	__u32 pad;
	char path[IOR_PATH_LEN];
};

struct ior_enter_name {
	struct ior_enter e;
	__s64 old_dirfd;
	__s64 new_dirfd;
	__s32 old_len;       /* as path_len */
	__s32 new_len;
	char old_path[IOR_PATH_LEN];
	char new_path[IOR_PATH_LEN];
};

struct ior_proc {
	struct ior_head h;
	char comm[IOR_COMM_LEN];
	__u32 other_tid;     /* fork: the new task's tid */
	__u32 pad;
};

/* Knobs patched by user space before load (.rodata, read-only to the programs). */
struct ior_config {
	__u32 self_pid;      /* the tracer's own process: never traced */
	__u32 target_pid;    /* 0: every process */
	__u32 target_tid;    /* 0: every thread */
	__u32 comm_len;      /* 0: no comm filter; else length of comm (substring match) */
	char comm[IOR_COMM_LEN];
	__u64 wakeup_bytes;  /* 0: wake the consumer per record (kernel default); else batch */
	__u32 fork_child_off;/* offset of child_pid in sched_process_fork's record (kernel specific) */
	__u32 pad;
};

#define IOR_ASSERT_AT(type, field, off) \
	_Static_assert(__builtin_offsetof(struct type, field) == (off), #type "." #field)

_Static_assert(sizeof(struct ior_head) == 24, "ior_head");
_Static_assert(sizeof(struct ior_exit) == 32, "ior_exit");
_Static_assert(sizeof(struct ior_enter) == 40, "ior_enter");
_Static_assert(sizeof(struct ior_enter_args) == 64, "ior_enter_args");
_Static_assert(sizeof(struct ior_enter_path) == 328, "ior_enter_path");
_Static_assert(sizeof(struct ior_enter_name) == 576, "ior_enter_name");
_Static_assert(sizeof(struct ior_proc) == 48, "ior_proc");
_Static_assert(sizeof(struct ior_config) == 48, "ior_config");
IOR_ASSERT_AT(ior_exit, ret, 24);
IOR_ASSERT_AT(ior_enter, comm, 24);
IOR_ASSERT_AT(ior_enter_args, args, 40);
IOR_ASSERT_AT(ior_enter_path, dirfd, 40);
IOR_ASSERT_AT(ior_enter_path, flags, 48);
IOR_ASSERT_AT(ior_enter_path, mode, 56);
IOR_ASSERT_AT(ior_enter_path, path_len, 64);
IOR_ASSERT_AT(ior_enter_path, path, 72);
IOR_ASSERT_AT(ior_enter_name, old_dirfd, 40);
IOR_ASSERT_AT(ior_enter_name, new_dirfd, 48);
IOR_ASSERT_AT(ior_enter_name, old_len, 56);
IOR_ASSERT_AT(ior_enter_name, new_len, 60);
IOR_ASSERT_AT(ior_enter_name, old_path, 64);
IOR_ASSERT_AT(ior_enter_name, new_path, 320);
IOR_ASSERT_AT(ior_proc, comm, 24);
IOR_ASSERT_AT(ior_proc, other_tid, 40);
IOR_ASSERT_AT(ior_config, comm, 16);
IOR_ASSERT_AT(ior_config, wakeup_bytes, 32);
IOR_ASSERT_AT(ior_config, fork_child_off, 40);

#endif
