// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's id of the calling thread, without native code: {@code /proc/thread-self}. */
final class NativeThread {
  private NativeThread() {}

  /**
   * The calling thread's tid (Linux 3.17+).
   *
   * @throws IOException when /proc is not mounted
   */
  static int tid() throws IOException {
    Path link = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "PID/task/TID"
    String s = link.toString();
    return Integer.parseInt(s.substring(s.lastIndexOf('/') + 1));
  }
}
