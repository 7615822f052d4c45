// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.core.config.TraceConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What a live trace traces (a picocli mixin shared by {@code ior} and {@code ior serve}): ior's
 * {@code -pid -tid -comm -path -tps -tpsExclude -mapSize}, each with a {@code --long} spelling.
 *
 * <pre>{@code
 * @Mixin TraceFilters filters;
 * TraceConfig config = filters.config();
 * }</pre>
 */
public final class TraceFilters {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-pid", "--pid"}, paramLabel = "PID",
      description = "Trace only this process (filtered in the kernel).")
  int pid;

  @Option(names = {"-tid", "--tid"}, paramLabel = "TID",
      description = "Trace only this thread (filtered in the kernel).")
  int tid;

  @Option(names = {"-comm", "--comm"}, paramLabel = "NAME",
      description = "Trace only processes whose command name contains NAME (at most 15 bytes, as"
          + " the kernel keeps; filtered in the kernel).")
  String comm;

  @Option(names = {"-path", "--path"}, paramLabel = "TEXT",
      description = "Show only calls whose file contains TEXT (filtered after fd resolution).")
  String path;

  @Option(names = {"-tps", "--tps"}, paramLabel = "REGEX", split = ",",
      description = "Attach only tracepoints matching one of these regexes (e.g. 'read|write',"
          + " 'sys_enter_open'); default: all.")
  List<String> tps = new ArrayList<>();

  @Option(names = {"-tpsExclude", "--tps-exclude"}, paramLabel = "REGEX", split = ",",
      description = "Leave out tracepoints matching one of these regexes.")
  List<String> tpsExclude = new ArrayList<>();

  @Option(names = {"-mapSize", "--map-size"}, paramLabel = "BYTES", converter = SizeConverter.class,
      description = "Ring buffer size, a power of two (e.g. 16M, the default; 4K..512M).")
  long mapSize = TraceConfig.DEFAULT_RING_BYTES;

  /** The trace configuration of these flags; a bad value is a usage error. */
  public TraceConfig config() {
    return config(TraceConfig.DEFAULT_RING_BYTES);
  }

  /** {@link #config()} with another ring size when -mapSize is not given (bytes, power of 2). */
  public TraceConfig config(long defaultRingBytes) {
    long ring = mixee.commandLine().getParseResult().hasMatchedOption("-mapSize") ? mapSize
        : defaultRingBytes;
    try {
      return TraceConfig.builder().pid(pid).tid(tid).comm(comm).path(path)
          .tracepoints(tps, tpsExclude).ringBytes(ring).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  /** Whether a process was chosen ({@code -pid} or {@code -comm}). */
  public boolean targeted() {
    return pid != 0 || comm != null;
  }

  /** The filters in words, e.g. {@code " of pid 42, comm ~ db"}, or {@code " system-wide"}. */
  public String describe() {
    List<String> f = new ArrayList<>();
    if (pid != 0) {
      f.add("pid " + pid);
    }
    if (tid != 0) {
      f.add("tid " + tid);
    }
    if (comm != null) {
      f.add("comm ~ " + comm);
    }
    if (path != null) {
      f.add("path ~ " + path);
    }
    return f.isEmpty() ? " system-wide" : " of " + String.join(", ", f);
  }
}
