// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.StackPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java frames in the stacks of a real JVM (Debian's JDK 17) on the real kernel: the IoWork
 * workload's writes, fsyncs and reads carry the Java methods that made them, through the JVM's
 * perf map and frame pointers; without -XX:+PreserveFramePointer ior says what is missing.
 */
class JavaStacksEndToEndTest {
  static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin");

  @TempDir Path dir;

  @BeforeEach
  void requireBpfAndJdk17() {
    BpfRequirement.check();
    Assumptions.assumeTrue(Files.isExecutable(JDK17.resolve("javac")),
        "SKIPPED: needs Debian's JDK 17 at " + JDK17);
  }

  record Call(String syscall, CallStack stack) {}

  record Run(List<Call> calls, List<String> warnings) {
    List<String> stacksOf(String syscall) {
      return calls.stream().filter(c -> c.syscall().equals(syscall))
          .map(c -> c.stack().folded()).distinct().collect(Collectors.toList());
    }
  }

  private Run trace(String... jvmFlags) throws Exception {
    Path src = dir.resolve("IoWork.java");
    try (InputStream in = getClass().getResourceAsStream("IoWork.java")) {
      Files.copy(in, src);
    }
    StacksEndToEndTest.run(JDK17.resolve("javac").toString(), "-d", dir.toString(),
        src.toString());
    List<String> cmd = new ArrayList<>(List.of(JDK17.resolve("java").toString()));
    cmd.addAll(List.of(jvmFlags));
    cmd.addAll(List.of("-cp", dir.toString(), "IoWork", dir.toString(), "6"));
    Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("ready", out.readLine());
    List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    BpfTraceSession s = BpfTraceSession.start(
        TraceConfig.builder().pid((int) jvm.pid()).build(), StackPolicy.ALL,
        p -> calls.add(new Call(p.syscall().name(), p.stack())), warnings::add, null);
    try {
      try (OutputStream go = jvm.getOutputStream()) {
        go.write('\n');
      }
      out.lines().forEach(l -> { });
      assertEquals(0, jvm.waitFor());
      s.stop();
    } finally {
      s.close();
    }
    assertNull(s.failure());
    return new Run(new ArrayList<>(calls), new ArrayList<>(warnings));
  }

  private static boolean anyContains(List<String> stacks, String frame) {
    return stacks.stream().anyMatch(f -> List.of(f.split(";")).contains(frame));
  }

  @Test
  void compiledJavaMethodsNameTheirIo() throws Exception {
    Run r = trace("-XX:+PreserveFramePointer");
    List<String> fsyncs = r.stacksOf("fdatasync");
    List<String> writes = r.stacksOf("write");
    List<String> reads = r.stacksOf("read");
    System.out.println("a write's stack: " + writes.get(writes.size() - 1));
    assertTrue(anyContains(fsyncs, "IoWork.syncLog"), "fsync stacks: " + fsyncs);
    assertTrue(anyContains(writes, "IoWork.appendLog"), "write stacks: " + writes);
    assertTrue(anyContains(reads, "IoWork.readIndex"), "read stacks: " + reads);
    assertTrue(r.warnings().stream().noneMatch(w -> w.contains("PreserveFramePointer")),
        "no frame-pointer notice: " + r.warnings());
  }

  @Test
  void withoutFramePointersIorSaysSoAndStillShowsNativeFrames() throws Exception {
    Run r = trace();
    assertEquals(1, r.warnings().stream().filter(w -> w.contains("-XX:+PreserveFramePointer"))
        .count(), "one notice with the fix: " + r.warnings());
    List<String> writes = r.stacksOf("write");
    System.out.println("a write's stack without frame pointers: " + writes.get(writes.size() - 1));
    assertTrue(anyContains(writes, "Java_java_io_FileOutputStream_writeBytes"),
        "native frames of libjava: " + writes);
  }
}
