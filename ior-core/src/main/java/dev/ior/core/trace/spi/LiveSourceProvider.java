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
   * Begins a start before its configuration is known: the part that only the ring's size decides
   * (ior-bpf: loading and verifying its programs, 0.1-0.3 s of a cold start). Called on a thread
   * of its own after {@link #prepare()}; the result goes to {@link #open(TraceConfig, StackPolicy,
   * List, Consumer, Preloaded)}. Default: nothing preloaded.
   *
   * @param ringBytes the ring's size, as {@link TraceConfig#ringBytes()}
   * @return what was loaded, or null when this provider preloads nothing
   * @throws TraceException when the load failed (the start then loads again and says why)
   */
  default Preloaded preload(long ringBytes) throws TraceException {
    return null;
  }

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

  /**
   * Like {@link #open(TraceConfig, StackPolicy, List, Consumer)}, using what {@link #preload} of
   * this provider loaded; the caller hands over only what has the configuration's ring size
   * ({@code LivePreparation} closes the rest). Default: closes {@code preloaded} and opens as
   * usual.
   *
   * @param config the filters the kernel applies and the ring
   * @param stacks which calls' user stacks to take
   * @param selected the syscalls to trace
   * @param warnings receives one line per selected syscall this kernel lacks, and similar
   * @param preloaded what {@link #preload} returned, with {@code config}'s ring size, or null;
   *     owned by this call from now on
   * @return the attached source
   * @throws TraceException with a one-line reason and the fix
   */
  default RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
      Consumer<String> warnings, Preloaded preloaded) throws TraceException {
    if (preloaded != null) {
      preloaded.close();
    }
    return open(config, stacks, selected, warnings);
  }

  /** What {@link #preload} loaded ahead of a start: not attached, nothing traced yet. */
  interface Preloaded extends AutoCloseable {
    /** {@return the ring's size it was loaded with, in bytes} */
    long ringBytes();

    /** Releases what was loaded (kernel objects, native memory); idempotent. */
    @Override
    void close();
  }
}
