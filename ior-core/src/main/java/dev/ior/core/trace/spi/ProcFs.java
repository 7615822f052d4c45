// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace.spi;

/**
 * What the fd tracker may ask the system about a process it joined late: descriptors opened
 * before tracing started and the working directory. Behind an interface so the tracker is
 * testable with a map-backed fake and replay runs without touching /proc.
 *
 * <pre>{@code
 * ProcFs none = ProcFs.EMPTY;          // replay: never look anything up
 * ProcFs live = new LinuxProcFs();     // reads /proc/PID/fd, /proc/PID/fdinfo, /proc/PID/cwd
 * }</pre>
 */
public interface ProcFs {
  /** Knows nothing: every lookup answers "unknown". */
  ProcFs EMPTY = new ProcFs() {
    @Override
    public String fdPath(int pid, int fd) {
      return null;
    }

    @Override
    public int fdFlags(int pid, int fd) {
      return -1;
    }

    @Override
    public String cwd(int pid) {
      return null;
    }
  };

  /**
   * {@return target of descriptor {@code fd} of process {@code pid}, or null when unknown}
   *
   * @param pid process id (tgid)
   * @param fd the descriptor, >= 0
   */
  String fdPath(int pid, int fd);

  /**
   * Open flags of the descriptor (the {@code flags:} line of fdinfo, octal), or -1.
   *
   * @param pid process id (tgid)
   * @param fd the descriptor, >= 0
   * @return the flags ({@code O_*} bits), or -1 when unknown
   */
  int fdFlags(int pid, int fd);

  /**
   * {@return the working directory of {@code pid}, or null when unknown}
   *
   * @param pid process id (tgid)
   */
  String cwd(int pid);
}
