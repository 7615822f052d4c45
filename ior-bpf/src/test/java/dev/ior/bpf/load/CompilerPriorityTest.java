// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ior.bpf.internal.lib.LibC;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compilers of this very JVM niced the way the launcher has them, then given back: only with
 * the launcher's property, and only the compiler threads.
 */
class CompilerPriorityTest {
  private List<Integer> compilers;

  @BeforeEach
  void niceTheCompilers() throws IOException {
    // Lowering a nice value again takes CAP_SYS_NICE: the test could not undo its own change.
    if (LibC.geteuid() != 0) {
      System.err.println("SKIPPED: CompilerPriorityTest needs root (CAP_SYS_NICE)");
      Assumptions.abort("needs root (CAP_SYS_NICE) to give a thread nice 0 back");
    }
    compilers = new ArrayList<>();
    threadNames().forEach((tid, name) -> {
      if (name.startsWith("C1 CompilerThr") || name.startsWith("C2 CompilerThr")) {
        compilers.add(tid);
      }
    });
    if (compilers.isEmpty()) {
      System.err.println("SKIPPED: CompilerPriorityTest: this JVM has no C1/C2 compiler threads");
      Assumptions.abort("this JVM has no C1/C2 compiler threads (-Xint?)");
    }
    for (int tid : compilers) {
      assertEquals(0, LibC.setpriority(0, tid, 19), "setpriority of compiler thread " + tid);
    }
  }

  @AfterEach
  void restoreTheCompilers() {
    System.clearProperty(CompilerPriority.PROPERTY);
    if (compilers != null) {
      compilers.forEach(tid -> LibC.setpriority(0, tid, 0));
    }
  }

  @Test
  void givesTheCompilersTheirNiceValueBackWhenTheLauncherSaysItNicedThem() throws IOException {
    int self = Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName()
        .toString());
    LibC.setpriority(0, self, 5); // a thread that is no compiler keeps its own nice value
    try {
      // As under `nice -n -3 ior`: the launcher's own value, not 0.
      System.setProperty(CompilerPriority.PROPERTY, "-3");
      CompilerPriority.restore();
      for (int tid : compilers) {
        assertEquals(-3, nice(tid), "compiler thread " + tid + " after restore()");
      }
      assertEquals(5, nice(self), "this (test) thread");
      assertNull(System.getProperty(CompilerPriority.PROPERTY), "restore() works once");
    } finally {
      LibC.setpriority(0, self, 0);
    }
  }

  @Test
  void leavesThemAloneWithoutTheProperty() throws IOException {
    CompilerPriority.restore();
    for (int tid : compilers) {
      assertEquals(19, nice(tid), "compiler thread " + tid + " without the launcher's property");
    }
    assertNull(System.getProperty(CompilerPriority.PROPERTY));
  }

  /** This JVM's threads: tid to comm. */
  private static Map<Integer, String> threadNames() throws IOException {
    Map<Integer, String> threads = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          threads.put(Integer.parseInt(t.getFileName().toString()),
              Files.readString(t.resolve("comm")).strip());
        } catch (IOException e) {
          // ended meanwhile
        }
      }
    }
    return threads;
  }

  /** A thread's nice value: field 19 of /proc/self/task/TID/stat, counted after the comm. */
  private static int nice(int tid) throws IOException {
    String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[16]);
  }
}
