// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.trace.spi.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@link ProcFs} backed by the real /proc. Lookups happen once per unknown descriptor or
 * process, never per event; a process that has exited answers "unknown".
 *
 * <pre>{@code
 * ProcFs procfs = new LinuxProcFs(Paths.get("/proc"));
 * }</pre>
 */
public final class LinuxProcFs implements ProcFs {
  private final Path root;

  /** Reads the given proc mount (normally {@code /proc}). */
  public LinuxProcFs(Path root) {
    this.root = root;
  }

  /** Reads {@code /proc}. */
  public LinuxProcFs() {
    this(Paths.get("/proc"));
  }

  @Override
  public String fdPath(int pid, int fd) {
    return link(root.resolve(pid + "/fd/" + fd));
  }

  @Override
  public int fdFlags(int pid, int fd) {
    try {
      for (String line : Files.readAllLines(root.resolve(pid + "/fdinfo/" + fd))) {
        if (line.startsWith("flags:")) {
          return Integer.parseInt(line.substring(6).trim(), 8);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone or unreadable: unknown
    }
    return -1;
  }

  @Override
  public String cwd(int pid) {
    return link(root.resolve(pid + "/cwd"));
  }

  private static String link(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
