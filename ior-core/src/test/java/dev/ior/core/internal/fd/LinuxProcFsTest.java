// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real /proc answers for a descriptor this JVM holds. */
class LinuxProcFsTest {
  @TempDir Path dir;

  @Test
  void resolvesOwnDescriptorFlagsAndCwd() throws Exception {
    int pid = (int) ProcessHandle.current().pid();
    Path file = dir.resolve("held.log");
    LinuxProcFs procfs = new LinuxProcFs();
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      int fd = -1;
      try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
        for (Path p : (Iterable<Path>) fds::iterator) {
          try {
            if (Files.readSymbolicLink(p).equals(file)) {
              fd = Integer.parseInt(p.getFileName().toString());
            }
          } catch (java.io.IOException e) {
            // a descriptor closed while listing
          }
        }
      }
      assertTrue(fd >= 0, "the open file shows in /proc/self/fd");
      assertEquals(file.toString(), procfs.fdPath(pid, fd));
      int flags = procfs.fdFlags(pid, fd);
      assertEquals(01, flags & 03, "O_WRONLY");
      assertEquals(02000, flags & 02000, "O_APPEND");
    }
    assertEquals(Paths.get("").toAbsolutePath().toString(), procfs.cwd(pid));
    assertNull(procfs.fdPath(pid, 999_999));
    assertEquals(-1, procfs.fdFlags(pid, 999_999));
    assertNull(procfs.cwd(Integer.MAX_VALUE), "no such process");
  }
}
