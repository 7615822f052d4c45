// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

/**
 * Turns a kernel stack id into a symbolized {@link CallStack}: reads the frames from the
 * kernel's stack map and names them. Called on the consumer thread once per distinct (process,
 * stack id, stack-pointer word) — {@link StackTable} caches the answers — so it may do I/O.
 * Implementations must not throw: an unknown frame becomes {@code module+0xOFFSET} or {@code
 * [unknown]}.
 */
public interface StackResolver {
  /** Resolves nothing: replays and sources without a stack map. */
  StackResolver NONE = (pid, stackId, spWord) -> CallStack.marker("[stack unavailable]");

  /**
   * {@return the stack {@code stackId} of process {@code pid}}
   *
   * @param stackId key of the kernel's stack map; negative: the -errno the kernel's walk failed
   *     with
   * @param spWord the word at the user stack pointer at the syscall (a frameless syscall
   *     wrapper's return address), 0 when unreadable
   * @param pid process id (tgid) of the call
   */
  CallStack resolve(int pid, int stackId, long spWord);

  /**
   * {@return a number that changes when stacks resolved as {@link CallStack#provisional()} may now
   * resolve better (a JVM's perf map was refreshed)}
   */
  default long generation() {
    return 0;
  }

  /**
   * Process {@code pid} exec'd or ended: what was cached for its address space is stale.
   *
   * @param pid process id (tgid)
   */
  default void forget(int pid) {}
}
