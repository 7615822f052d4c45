// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.FlagValues;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.trace.NoSuchTargetException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What a live trace traces: the one declaration of the filter and selection flags of every
 * subcommand that traces ({@code ior}, {@code ior serve}), so they cannot drift apart. ior's
 * {@code -pid -tid -comm -path -tps -tpsExclude -mapSize}, with {@code -follow}, {@code -cgroup},
 * {@code -container}, {@code -syscalls} and {@code -families}, each with a {@code --long}
 * spelling. Where each filter runs (kernel or user space) is the library's business ({@code
 * TraceStream}); the help says it.
 *
 * <pre>{@code
 * @Mixin TraceFilters filters;
 * TraceConfig config = filters.config(cgroupId);
 * }</pre>
 */
public final class TraceFilters {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = {"-pid", "--pid"}, paramLabel = "PID",
      description = "Trace only this process (filtered in the kernel).")
  int pid;

  @Option(names = {"-follow", "--follow"},
      description = "With -pid: also trace every process it starts from now on (in the"
          + " kernel, from each child's first syscall).")
  boolean follow;

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

  @Mixin CgroupOptions cgroups;

  @Option(names = {"-tps", "--tps"}, paramLabel = "REGEX", split = ",",
      description = "Trace the syscalls whose tracepoint-style names (sys_enter_openat,"
          + " sys_exit_read) match one of these regexes, e.g. 'read|write' or"
          + " '^sys_enter_open'. With -syscalls and -families the selections add up; with none"
          + " of them: the fs and aio families (file I/O).")
  List<String> tps = new ArrayList<>();

  @Option(names = {"-syscalls", "--syscalls"}, paramLabel = "NAME", split = ",",
      description = "Trace these syscalls by name, e.g. read,pwrite64,fsync (the kernel's names;"
          + " 32-bit calls of the same syscall included).")
  List<String> syscalls = new ArrayList<>();

  @Option(names = {"-families", "--families"}, paramLabel = "FAMILY", split = ",",
      description = "Trace whole families: fs (file I/O), aio, net, mem, proc, signal, ipc,"
          + " time, poll, sched, security, misc.")
  List<String> families = new ArrayList<>();

  @Option(names = {"-tpsExclude", "--tps-exclude"}, paramLabel = "REGEX", split = ",",
      description = "Leave out tracepoints matching one of these regexes.")
  List<String> tpsExclude = new ArrayList<>();

  @Option(names = {"-mapSize", "--map-size"}, paramLabel = "BYTES", converter = SizeConverter.class,
      description = "Ring buffer size, a power of two (e.g. 16M, the default; 4K..512M).")
  long mapSize = TraceConfig.DEFAULT_RING_BYTES;

  /**
   * The trace configuration of these flags; a bad value is a usage error.
   *
   * @param cgroupId the id {@code -cgroup} names (see {@link CgroupOptions}), 0 for none
   */
  public TraceConfig config(long cgroupId) {
    return config(cgroupId, TraceConfig.DEFAULT_RING_BYTES);
  }

  /**
   * {@link #config(long)} with another ring size when {@code -mapSize} is not given.
   *
   * @param defaultRingBytes the ring's size in bytes, a power of two
   */
  public TraceConfig config(long cgroupId, long defaultRingBytes) {
    long ring = mixee.commandLine().getParseResult().hasMatchedOption("-mapSize") ? mapSize
        : defaultRingBytes;
    try {
      return TraceConfig.builder().pid(follow ? 0 : pid).tid(tid).follow(follow ? pid : 0)
          .cgroup(cgroupId).comm(comm).path(path).tracepoints(tps, tpsExclude).syscalls(syscalls)
          .families(families).ringBytes(ring).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  /** The user's words for a target that does not exist: {@code -pid 4242: no such process}. */
  public static String noSuchTarget(NoSuchTargetException e) {
    return (e.isThread() ? "-tid " : "-pid ") + e.id() + ": no such "
        + (e.isThread() ? "thread" : "process");
  }

  /** The {@code -cgroup} and {@code -container} options. */
  public CgroupOptions cgroups() {
    return cgroups;
  }

  /** Whether a process was chosen ({@code -pid}, {@code -comm} or a cgroup). */
  public boolean targeted() {
    return pid != 0 || comm != null || cgroups.given();
  }

  /** The filters in words, e.g. {@code " of pid 42, comm ~ db"}, or {@code " system-wide"}. */
  public String describe() {
    List<String> f = new ArrayList<>();
    if (pid != 0) {
      f.add("pid " + pid + (follow ? " and all it starts" : ""));
    }
    if (tid != 0) {
      f.add("tid " + tid);
    }
    if (comm != null) {
      f.add("comm ~ " + FlagValues.shown(comm));
    }
    if (path != null) {
      f.add("path ~ " + FlagValues.shown(path));
    }
    if (cgroups.cgroup != null) {
      f.add("cgroup " + FlagValues.shown(cgroups.cgroup));
    }
    if (cgroups.container != null) {
      f.add("container " + FlagValues.shown(cgroups.container));
    }
    return f.isEmpty() ? " system-wide" : " of " + String.join(", ", f);
  }
}
