// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

/** Receives what {@link RecordDecoder} decodes, one call per record. Records are reused views. */
public interface RecordHandler {
  /**
   * A syscall began; {@code e} is reused after the call returns.
   *
   * @param e the decoded enter record
   */
  void enter(EnterRecord e);

  /**
   * A syscall returned; {@code x} is reused after the call returns.
   *
   * @param x the decoded exit record
   */
  void exit(ExitRecord x);

  /**
   * The kernel's name of a file identity ({@code /proc}-style: {@code pipe:[12]}, {@code
   * /tmp/x (deleted)}); it comes before the first record that needs it.
   *
   * @param id the file identity (device and inode)
   * @param name the kernel's name for it
   */
  void name(Ident id, String name);

  /**
   * {@code pid} exec'd; {@code comm} is the new image's; {@code oldTid} the exec'ing thread.
   *
   * @param pid process id (tgid)
   * @param tid thread id
   * @param timeNs CLOCK_MONOTONIC ns
   * @param comm the new image's comm
   * @param oldTid the thread that called execve
   */
  void exec(int pid, int tid, long timeNs, String comm, int oldTid);

  /**
   * Task {@code tid} of {@code pid} created task {@code childTid} of process {@code childPid}.
   *
   * @param pid process id (tgid) of the parent
   * @param tid the forking thread
   * @param timeNs CLOCK_MONOTONIC ns
   * @param childPid the new task's process id (the parent's for a new thread)
   * @param childTid the new task's thread id
   */
  void fork(int pid, int tid, long timeNs, int childPid, int childTid);

  /**
   * As {@link #fork(int, int, long, int, int)}; {@code sharedFiles}: the new process shares the
   * parent's descriptor table ({@code clone(CLONE_FILES)} without {@code CLONE_THREAD}).
   *
   * @param pid process id (tgid) of the parent
   * @param tid the forking thread
   * @param timeNs CLOCK_MONOTONIC ns
   * @param childPid the new task's process id
   * @param childTid the new task's thread id
   * @param sharedFiles whether the new process shares the parent's descriptor table
   */
  default void fork(int pid, int tid, long timeNs, int childPid, int childTid,
      boolean sharedFiles) {
    fork(pid, tid, timeNs, childPid, childTid);
  }

  /**
   * The kernel delivers signal {@code sig} to thread {@code tid} right after a call of it returned
   * a restart code; {@code handler}: 0 {@code SIG_DFL}, 1 {@code SIG_IGN}, 2 a handler runs;
   * {@code saFlags} the action's {@code sa_flags}. Together with the code they are the kernel's
   * decision between restarting the call and returning EINTR.
   *
   * @param pid process id (tgid)
   * @param tid the thread the signal is delivered to
   * @param timeNs CLOCK_MONOTONIC ns
   * @param sig the signal number
   * @param handler 0 {@code SIG_DFL}, 1 {@code SIG_IGN}, 2 a handler runs
   * @param saFlags the action's {@code sa_flags}
   */
  default void signal(int pid, int tid, long timeNs, int sig, int handler, long saFlags) {}

  /**
   * Task {@code tid} of {@code pid} ended; {@code groupDead}: it was the process's last.
   *
   * @param pid process id (tgid)
   * @param tid the thread that ended
   * @param timeNs CLOCK_MONOTONIC ns
   * @param groupDead whether it was the process's last thread
   */
  void taskExit(int pid, int tid, long timeNs, boolean groupDead);

  /**
   * The user stack of the call of thread {@code tid} whose exit (with the same {@code seq})
   * follows: {@code stackId} is a key of the kernel's stack map (negative: the -errno of the
   * walk), {@code spWord} the word at the user stack pointer (0: unreadable).
   *
   * @param pid process id (tgid)
   * @param tid thread id
   * @param seq the call's sequence number, as on its exit record
   * @param stackId key of the kernel's stack map; negative: the -errno of the walk
   * @param spWord the word at the user stack pointer, 0 when unreadable
   */
  default void stack(int pid, int tid, int seq, int stackId, long spWord) {}

  /**
   * The frames of user stack {@code stackId}, {@code ips[0..depth)} innermost first (the
   * instruction after the syscall, then return addresses), first seen in process {@code pid}.
   * Sent once per trace and stack, before the first {@link #stack} record with its id; the ids
   * are the trace's, not a process's (equal walks in two processes share one). {@code ips} is
   * reused after the call returns.
   *
   * @param pid process id (tgid) the stack was first seen in
   * @param stackId the trace's id of the stack
   * @param ips the frames' addresses, innermost first
   * @param depth how many of {@code ips} are used
   */
  default void stackFrames(int pid, int stackId, long[] ips, int depth) {}

  /**
   * An executable file mapping of process {@code pid} at {@code [start, end)} (addresses),
   * mapping {@code file} from byte {@code offset}; {@code prot} the low bits of the kernel's
   * {@code vm_flags} (1 read, 2 write, 4 exec, 8 shared). The kernel sends a process's set,
   * {@code index} 0 first, before the first stack of each image and again when its executable
   * mappings changed; the file's name came in a {@link #name} record before. {@code file} is
   * reused after the call returns.
   *
   * @param pid process id (tgid)
   * @param index the mapping's place in the process's set, 0 first
   * @param prot the low bits of {@code vm_flags}: 1 read, 2 write, 4 exec, 8 shared
   * @param start the mapping's first address
   * @param end the address after its last
   * @param offset the file offset mapped at {@code start}, bytes
   * @param file the mapped file's identity
   */
  default void mapping(int pid, int index, int prot, long start, long end, long offset,
      Ident file) {}

  /**
   * A record that could not be decoded (unknown kind or syscall id, or too short).
   *
   * @param kind the record's kind field
   * @param length the record's length, bytes
   */
  void malformed(int kind, int length);
}
