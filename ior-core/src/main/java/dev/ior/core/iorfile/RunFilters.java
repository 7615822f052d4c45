// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import dev.ior.core.config.TraceConfig;
import java.util.List;

/**
 * The filters and syscall selection a run used, as kept in a {@code .ior} file.
 *
 * <pre>{@code
 * RunFilters f = RunFilters.of(config, session.attachedSyscalls());
 * }</pre>
 *
 * @param pid traced process, 0 for all
 * @param tid traced thread, 0 for all
 * @param comm comm substring, "" for all
 * @param path path substring, "" for all
 * @param tracepoints -tps regexes, empty for all
 * @param tracepointsExclude -tpsExclude regexes
 * @param attachedSyscalls number of syscalls attached
 */
public record RunFilters(int pid, int tid, String comm, String path, List<String> tracepoints,
    List<String> tracepointsExclude, int attachedSyscalls) {
  /**
   * A null comm or path is empty (no such filter); the lists are copied, immutable.
   *
   * @param pid traced process, 0 for all
   * @param tid traced thread, 0 for all
   * @param comm comm substring, "" for all
   * @param path path substring, "" for all
   * @param tracepoints -tps regexes, empty for all
   * @param tracepointsExclude -tpsExclude regexes
   * @param attachedSyscalls number of syscalls attached
   */
  public RunFilters {
    comm = comm == null ? "" : comm;
    path = path == null ? "" : path;
    tracepoints = List.copyOf(tracepoints);
    tracepointsExclude = List.copyOf(tracepointsExclude);
  }

  /**
   * {@return the filters of {@code config}}
   *
   * @param config the trace's configuration
   * @param attachedSyscalls number of syscalls attached
   */
  public static RunFilters of(TraceConfig config, int attachedSyscalls) {
    return new RunFilters(config.pid(), config.tid(), config.comm(), config.path(),
        config.selection().include(), config.selection().exclude(), attachedSyscalls);
  }

  /** {@return no filters} */
  public static RunFilters none() {
    return new RunFilters(0, 0, "", "", List.of(), List.of(), 0);
  }
}
