// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import dev.ior.bpf.internal.lib.LibC;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives the JIT compiler threads their normal scheduling priority back once the trace runs (its
 * consumer's first read, just after the attach). On a machine with a core to spare, ior's
 * launcher starts a trace's JVM with the compiler threads at nice 19 ({@code
 * -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19}, every Java priority mapped to the
 * launcher's own nice value)
 * and says so with the system property {@value #PROPERTY}: on 2 cores C1 and C2 took a third of
 * a start's CPU beside JNA's set-up, the picocli parse and the kernel's verifier, which the first
 * traced call waits for; niced, they compile when a core is free, and the tracing line came 55 ms
 * sooner (docs/benchmarks.md). Once the consumer reads, they compile its warm-up at full priority
 * again (a traced command waits for that warm-up). Without the property (a JVM that imports
 * ior-core, or a launch on a busy machine) this does nothing.
 */
public final class CompilerPriority {
  private CompilerPriority() {}

  /**
   * Set by the launcher that niced the compiler threads, to the nice value they had before (the
   * launcher's own, -20 to 18: {@code nice -n -15 ior} must not find its compilers at 0).
   */
  public static final String PROPERTY = "ior.compilersNiced";

  private static final int PRIO_PROCESS = 0;

  /**
   * Gives the compiler threads the nice value {@link #PROPERTY} names, when the launcher set it;
   * at most once per JVM. Threads the kernel refuses (no CAP_SYS_NICE) stay niced: they still
   * compile, later.
   */
  public static synchronized void restore() {
    String before = System.getProperty(PROPERTY);
    if (before == null) {
      return;
    }
    System.clearProperty(PROPERTY); // once: a second trace in this JVM has nothing to undo
    int nice;
    try {
      nice = Integer.parseInt(before.strip());
    } catch (NumberFormatException e) {
      return;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String comm;
        try {
          comm = Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        // HotSpot's names (15 bytes in comm): "C1 CompilerThread0", "C2 ...", and the code
        // cache's sweeper, which CompilerThreadPriority sets too.
        if (comm.startsWith("C1 CompilerThr") || comm.startsWith("C2 CompilerThr")
            || comm.equals("Sweeper thread")) {
          LibC.setpriority(PRIO_PROCESS, Integer.parseInt(task.getFileName().toString()), nice);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: the compilers stay niced, which costs time, never correctness
    }
  }
}
