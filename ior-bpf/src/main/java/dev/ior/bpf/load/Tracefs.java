// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import com.sun.jna.Native;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.lib.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel's tracing file system: which syscall tracepoints exist on this kernel, and the
 * record layout of sched_process_fork (it changed between kernels). Mounts tracefs when it is
 * missing and we are allowed to; libbpf itself needs it to attach tracepoints.
 */
public final class Tracefs {
  private final Path root;

  private Tracefs(Path root) {
    this.root = root;
  }

  /**
   * Finds tracefs where libbpf looks for it (debugfs's tracing dir first, as libbpf does, then
   * /sys/kernel/tracing), mounting it at /sys/kernel/tracing when it is not mounted.
   */
  public static Tracefs locate() throws TraceException {
    Path debug = Paths.get("/sys/kernel/debug/tracing");
    Path tracing = Paths.get("/sys/kernel/tracing");
    if (Files.isDirectory(debug.resolve("events/syscalls"))) {
      return new Tracefs(debug);
    }
    if (Files.isDirectory(tracing.resolve("events/syscalls"))) {
      return new Tracefs(tracing);
    }
    if (Files.isDirectory(debug)) {
      // libbpf prefers this path whenever it exists, even when nothing is mounted there.
      throw new TraceException("tracefs is not mounted at " + debug
          + " (libbpf looks there because the directory exists): mount -t tracefs tracefs "
          + debug);
    }
    if (!Files.isDirectory(tracing)) {
      throw new TraceException("no " + tracing + ": this kernel lacks tracefs (CONFIG_FTRACE)"
          + " or /sys is not mounted");
    }
    if (LibC.mount("tracefs", tracing.toString(), "tracefs", 0, null) != 0) {
      int errno = Native.getLastError();
      throw new TraceException("tracefs is not mounted at " + tracing + " and mounting it failed: "
          + LibC.strerror(errno) + " (run as root, or: mount -t tracefs tracefs " + tracing + ")");
    }
    if (!Files.isDirectory(tracing.resolve("events/syscalls"))) {
      throw new TraceException("tracefs has no syscall tracepoints: the kernel was built without"
          + " CONFIG_FTRACE_SYSCALLS");
    }
    return new Tracefs(tracing);
  }

  /** Names of the syscall tracepoints this kernel has, e.g. {@code sys_enter_openat}. */
  public Set<String> syscallTracepoints() throws TraceException {
    try (Stream<Path> s = Files.list(root.resolve("events/syscalls"))) {
      Set<String> out = new HashSet<>();
      s.forEach(p -> out.add(p.getFileName().toString()));
      return out;
    } catch (IOException e) {
      throw new TraceException("cannot list " + root.resolve("events/syscalls") + ": " + e);
    }
  }

  /** Byte offset of {@code child_pid} in sched_process_fork's record, or -1 when unknown. */
  public int forkChildPidOffset() {
    return fieldOffset(root.resolve("events/sched/sched_process_fork/format"), "child_pid");
  }

  static int fieldOffset(Path format, String field) {
    try {
      for (String line : Files.readAllLines(format)) {
        int f = line.indexOf("field:");
        int o = line.indexOf("offset:");
        if (f < 0 || o < 0) {
          continue;
        }
        String decl = line.substring(f + 6, line.indexOf(';', f)).trim();
        if (decl.endsWith(" " + field)) {
          return Integer.parseInt(line.substring(o + 7, line.indexOf(';', o)).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown layout: the caller goes without fork records
    }
    return -1;
  }
}
