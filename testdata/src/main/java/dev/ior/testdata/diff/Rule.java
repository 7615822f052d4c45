// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * Every way ior and strace may legitimately differ, written once. The comparer applies exactly
 * these; {@code docs/file-names.md} ("What ior's file names mean") states the same list.
 */
public enum Rule {
  /** The harness runs each tracer's copy of a program under its own directory: both become $RUN. */
  RUN_ROOT,
  /** Pipe, socket and other pseudo-filesystem inode numbers differ between two runs: each
   *  {@code type:[N]} is numbered by first appearance within the program's trace. */
  PSEUDO_INODE,
  /** Both escape a name's bytes for printing, each its own way (strace: C escapes and octal;
   *  ior: \xNN, \\, \\uNNNN): names are compared as the bytes they stand for. */
  ESCAPES,
  /** strace prints {@code <path>(deleted)}; /proc and ior print {@code path (deleted)}. */
  DELETED,
  /** A call that takes a path and neither takes nor returns an fd (unlink, rename, chdir, a failed
   *  open...): strace shows only the string passed, no kernel name. Compared: the last component
   *  of ior's name equals the string's last component (both views — chroot, cwd — agree on it). */
  PATH_ARGUMENT,
  /** A name of PATH_MAX (4,096) bytes or more cannot be read from /proc/PID/fd/N, so strace
   *  shows the fd undecorated; ior's name (whole, or its last part after ".../" when the kernel
   *  walk was cut) is not compared. */
  NAME_TOO_LONG,
  /** mmap returns an address, which ASLR changes per run: compared as success or the same errno. */
  ADDRESS,
  /** fork, vfork, clone and clone3 return a pid, which differs per run: compared as success
   *  (the same task appears in both) or the same errno. */
  CHILD_PID,
  /** strace prints '?' for a call that never returned to the caller (a superseded execve):
   *  its return value is not compared. */
  NO_RETURN
}
