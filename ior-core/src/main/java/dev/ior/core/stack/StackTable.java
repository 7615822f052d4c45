// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import dev.ior.core.internal.util.IntMap;

/**
 * Interns stacks per process: (pid, kernel stack id, stack-pointer word) → {@link CallStack},
 * resolved once by a {@link StackResolver} and then shared (a provisional one again when the
 * resolver learnt more). A hit allocates nothing. A process's
 * stacks (and the mappings the kernel sent for it) are dropped when it exec's or ends (its
 * addresses mean something else afterwards).
 * Not thread-safe: the consumer thread owns it.
 */
public final class StackTable {
  private final StackResolver resolver;
  private final IntMap<IntMap<Entry>> byPid = new IntMap<>(64);
  private long resolved;

  private static final class Entry {
    final long spWord;
    CallStack stack;
    long generation;
    final Entry next;

    Entry(long spWord, CallStack stack, long generation, Entry next) {
      this.spWord = spWord;
      this.stack = stack;
      this.generation = generation;
      this.next = next;
    }
  }

  /**
   * A table resolving through {@code resolver}.
   *
   * @param resolver names stacks the table has not seen
   */
  public StackTable(StackResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * {@return the stack of a call of {@code pid}; see {@link StackResolver#resolve}}
   *
   * @param pid process id (tgid) of the call
   * @param stackId key of the kernel's stack map; negative: the -errno of the kernel's walk
   * @param spWord the word at the user stack pointer at the syscall, 0 when unreadable
   */
  public CallStack get(int pid, int stackId, long spWord) {
    IntMap<Entry> stacks = stacksOf(pid);
    Entry first = stacks.get(stackId);
    for (Entry e = first; e != null; e = e.next) {
      if (e.spWord == spWord) {
        if (e.stack.provisional() && e.generation != resolver.generation()) {
          // JIT frames unknown before: the JVM's perf map has been refreshed since.
          e.generation = resolver.generation();
          e.stack = resolver.resolve(pid, stackId, spWord);
          resolved++;
        }
        return e.stack;
      }
    }
    long generation = resolver.generation();
    CallStack s = resolver.resolve(pid, stackId, spWord);
    resolved++;
    stacks.put(stackId, new Entry(spWord, s, generation, first));
    return s;
  }

  /**
   * Sets the stack of ({@code pid}, {@code stackId}, {@code spWord}) without asking the resolver:
   * a replay learning the names a live trace recorded. Replaces what was known.
   *
   * @param pid process id (tgid)
   * @param stackId key of the kernel's stack map
   * @param spWord the word at the user stack pointer at the syscall
   * @param stack the names
   */
  public void learn(int pid, int stackId, long spWord, CallStack stack) {
    IntMap<Entry> stacks = stacksOf(pid);
    Entry first = stacks.get(stackId);
    for (Entry e = first; e != null; e = e.next) {
      if (e.spWord == spWord) {
        e.stack = stack;
        e.generation = resolver.generation();
        return;
      }
    }
    stacks.put(stackId, new Entry(spWord, stack, resolver.generation(), first));
  }

  /**
   * Passes the frames of stack {@code stackId} to the resolver (see {@link StackResolver#frames}).
   *
   * @param stackId the trace's id of the stack
   * @param ips the frames' addresses, innermost first
   * @param depth how many of {@code ips} are used
   */
  public void frames(int stackId, long[] ips, int depth) {
    resolver.frames(stackId, ips, depth);
  }

  /**
   * Passes the kernel's mapping of {@code pid} to the resolver (see {@link
   * StackResolver#mapping}); the process is known from now on, so its exec or exit reaches the
   * resolver's {@link StackResolver#forget}.
   *
   * @param pid process id (tgid)
   * @param index the mapping's place in the process's set, 0 first
   * @param m the mapping
   */
  public void mapping(int pid, int index, FileMapping m) {
    stacksOf(pid);
    resolver.mapping(pid, index, m);
  }

  private IntMap<Entry> stacksOf(int pid) {
    IntMap<Entry> stacks = byPid.get(pid);
    if (stacks == null) {
      stacks = new IntMap<>(64);
      byPid.put(pid, stacks);
    }
    return stacks;
  }

  /**
   * Drops what is known of {@code pid}'s stacks (exec, exit).
   *
   * @param pid process id (tgid)
   */
  public void forget(int pid) {
    if (byPid.remove(pid) != null) {
      resolver.forget(pid);
    }
  }

  /** {@return distinct stacks resolved so far} */
  public long resolved() {
    return resolved;
  }
}
