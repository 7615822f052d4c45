// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace.spi;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.TraceException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the live record source: ior-bpf's BPF programs and ring buffer. ior-core has no native
 * code, so {@code TraceStream.live} finds the implementation with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.ior.core.trace.spi.LiveSourceProvider} in ior-bpf).
 */
public interface LiveSourceProvider {
  /**
   * Does the part of a start that no configuration changes (such as loading native libraries),
   * so that a later {@link #open} is quicker; called on a thread of its own, possibly while
   * {@code open} runs on another. Must not fail: what goes wrong here {@code open} reports.
   * Default: nothing.
   */
  default void prepare() {}

  /**
   * Loads, configures and attaches, and returns the running source.
   *
   * @param config the filters the kernel applies (pid, tid, comm, cgroup, follow) and the ring
   * @param selected the syscalls to trace, computed once by the caller from {@code config}
   * @param warnings receives one line per selected syscall this kernel lacks, and similar
   * @return the attached source, records flowing into its ring
   * @throws TraceException with a one-line reason and the fix (privileges, kernel, libbpf)
   */
  RecordSource open(TraceConfig config, List<Syscall> selected, Consumer<String> warnings)
      throws TraceException;

  /**
   * Like {@link #open(TraceConfig, List, Consumer)}, also taking the user stacks of the calls
   * {@code stacks} selects (named through {@link RecordSource#stacks()}). Providers without stacks
   * keep the default, which refuses a policy other than {@link StackPolicy#OFF}.
   *
   * @param config the filters the kernel applies and the ring
   * @param stacks which calls' user stacks to take
   * @param selected the syscalls to trace
   * @param warnings receives one line per selected syscall this kernel lacks, and similar
   * @return the attached source
   * @throws TraceException with a one-line reason and the fix; by default when {@code stacks} is
   *     enabled (this provider takes no stacks)
   */
  default RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
      Consumer<String> warnings) throws TraceException {
    if (stacks.enabled()) {
      throw new TraceException("this live source cannot take user stacks");
    }
    return open(config, selected, warnings);
  }
}
