// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.stack;

import dev.ior.core.internal.util.IntMap;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.FileMapping;
import dev.ior.core.stack.StackResolver;
import dev.ior.symbols.elf.SeparateDebugFiles;
import dev.ior.symbols.maps.MemoryMap;
import dev.ior.symbols.resolve.ProcessSymbolizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stacks of the live trace: the frames the kernel sent for a stack id (IOR_STACK_FRAMES records,
 * once per stack, at most the kernel's 16,384 ids), named by a {@link ProcessSymbolizer} (ELF
 * symbols, JVM perf maps). Runs on the consumer thread once per distinct stack of a process
 * ({@code StackTable} caches).
 */
public final class BpfStackResolver implements StackResolver, AutoCloseable {
  private static final int ENOMEM = 12;
  private static final int ENOSPC = 28;

  private final ProcessSymbolizer symbolizer;
  /** Frames by stack id, as the kernel sent them (innermost first). */
  private final IntMap<long[]> frames = new IntMap<>(1024);
  /** Counts frames learnt: a stack named before its frames came is tried again after. */
  private long framesLearnt;

  /**
   * A resolver of the frames the kernel sends; notices (a JVM without frame pointers) go to warn.
   *
   * @param warn receives the notices, one line each
   */
  public BpfStackResolver(Consumer<String> warn) {
    this.symbolizer = new ProcessSymbolizer(SeparateDebugFiles.DEFAULT_ROOT, CxaDemangler.load(),
        warn);
  }

  @Override
  public CallStack resolve(int pid, int stackId, long spWord) {
    if (stackId < 0) {
      return CallStack.marker(lost(-stackId));
    }
    long[] ips = frames.get(stackId);
    if (ips == null) {
      // Another CPU's first walk of the same stack may send the frames just after this id.
      return new CallStack(List.of("[stack lost]"), true);
    }
    ProcessSymbolizer.Symbolized s = symbolizer.symbolize(pid, ips, ips.length, spWord);
    List<String> names = new ArrayList<>(s.frames().size());
    for (String f : s.frames()) {
      names.add(CallStack.clean(f));
    }
    return new CallStack(names, s.provisional());
  }

  private static String lost(int errno) {
    switch (errno) {
      case ENOMEM:
        return "[stack lost: stack map full]";
      case ENOSPC:
        return "[stack lost: ring full]";
      default:
        return "[stack lost: errno " + errno + "]";
    }
  }

  @Override
  public long generation() {
    return symbolizer.jvms().generation() + framesLearnt;
  }

  @Override
  public void frames(int stackId, long[] ips, int depth) {
    frames.put(stackId, java.util.Arrays.copyOf(ips, depth));
    framesLearnt++;
  }

  /** The kernel's mappings (sent before the stacks) name the frames of exited processes too. */
  @Override
  public void mapping(int pid, int index, FileMapping m) {
    symbolizer.learn(pid, index == 0, new MemoryMap(m.start(), m.end(), m.perms(), m.offset(),
        m.deviceName(), m.inode(), m.path()));
  }

  @Override
  public void forget(int pid) {
    symbolizer.forget(pid);
  }

  /**
   * Waits up to {@code ms} for perf-map dumps in flight (before a final report).
   *
   * @param ms the longest wait, ms
   */
  public void awaitJvms(long ms) {
    symbolizer.jvms().awaitIdle(ms);
  }

  @Override
  public void close() {
    symbolizer.jvms().close();
  }
}
