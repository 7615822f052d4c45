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
   * The frames of stack {@code stackId} as the kernel walked them, {@code ips[0..depth)}
   * innermost first, sent once before the stacks that carry the id: a resolver of live stacks
   * keeps them ({@code ips} is reused after the call).
   *
   * @param stackId the trace's id of the stack
   * @param ips the frames' addresses, innermost first
   * @param depth how many of {@code ips} are used
   */
  default void frames(int stackId, long[] ips, int depth) {}

  /**
   * The kernel's account of an executable file mapping of process {@code pid}, sent before the
   * process's stacks (once per image, again when its executable mappings changed): a resolver
   * that names frames from {@code /proc/PID/maps} should use these first, since the process may
   * have exited by the time its stacks are resolved. {@code index} 0 starts a new set, which
   * replaces what the kernel said before.
   *
   * @param pid process id (tgid)
   * @param index the mapping's place in the process's set, 0 first
   * @param m the mapping
   */
  default void mapping(int pid, int index, FileMapping m) {}

  /**
   * Process {@code pid} exec'd or ended: what was cached for its address space is stale.
   *
   * @param pid process id (tgid)
   */
  default void forget(int pid) {}
}
