/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What minimal.bpf.c and its consumer (ceiling.c) share: the configuration patched into .rodata
 * before load and the one record kind, 64 bytes as in the reference measurements of
 * shared/notes/tracing-overhead.md.
 */
#ifndef MINIMAL_H
#define MINIMAL_H

#include <linux/types.h>

#define MIN_NR_SLOTS 512

struct min_config {
	__u32 self_pid;      /* the consumer: never traced */
	__u32 comm_len;      /* the thread's comm must start with comm[0, comm_len) */
	char comm[16];
	__u64 wakeup_bytes;  /* force a wakeup from the record crossing a multiple, else none */
};

struct min_rec {
	__u32 kind;          /* 1 enter, 2 exit */
	__u32 nr;            /* the syscall number */
	__u32 pid;
	__u32 tid;
	__u64 time_ns;
	__s64 v[5];          /* enter: the first four arguments; exit: v[0] is the return value */
};

_Static_assert(sizeof(struct min_rec) == 64, "min_rec");

#endif
