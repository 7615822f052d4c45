// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.stack;

import dev.ior.bpf.load.BpfObject;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.StackResolver;
import dev.ior.symbols.elf.SeparateDebugFiles;
import dev.ior.symbols.resolve.ProcessSymbolizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stacks of the live trace: the frames of a kernel stack id from map {@code ior_stacks}, named by
 * a {@link ProcessSymbolizer} (ELF symbols, JVM perf maps). Runs on the consumer thread once per
 * distinct stack of a process ({@code StackTable} caches); the frames buffer is reused.
 */
public final class BpfStackResolver implements StackResolver, AutoCloseable {
  private static final int EFAULT = 14;
  private static final int ENOMEM = 12;
  private static final int EEXIST = 17;

  private final BpfObject bpf;
  private final ProcessSymbolizer symbolizer;
  private final long[] ips = new long[RecordLayout.STACK_DEPTH];

  /**
   * A resolver reading {@code bpf}'s stack map; notices (a JVM without frame pointers) go to warn.
   *
   * @param bpf the loaded object whose stack map is read
   * @param warn receives the notices, one line each
   */
  public BpfStackResolver(BpfObject bpf, Consumer<String> warn) {
    this.bpf = bpf;
    this.symbolizer = new ProcessSymbolizer(SeparateDebugFiles.DEFAULT_ROOT, CxaDemangler.load(),
        warn);
  }

  @Override
  public CallStack resolve(int pid, int stackId, long spWord) {
    if (stackId < 0) {
      return CallStack.marker(lost(-stackId));
    }
    int n = bpf.userStack(stackId, ips);
    if (n == 0) {
      return CallStack.marker("[stack lost]");
    }
    ProcessSymbolizer.Symbolized s = symbolizer.symbolize(pid, ips, n, spWord);
    List<String> frames = new ArrayList<>(s.frames().size());
    for (String f : s.frames()) {
      frames.add(CallStack.clean(f));
    }
    return new CallStack(frames, s.provisional());
  }

  private static String lost(int errno) {
    switch (errno) {
      case EEXIST:
        return "[stack lost: hash collision]";
      case ENOMEM:
        return "[stack lost: stack map full]";
      case EFAULT:
        return "[stack unreadable]";
      default:
        return "[stack lost: errno " + errno + "]";
    }
  }

  @Override
  public long generation() {
    return symbolizer.jvms().generation();
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
