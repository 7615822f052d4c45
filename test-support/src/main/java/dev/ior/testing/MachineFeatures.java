// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Probes for machine features that some tests need and that machines of one kind may lack. A
 * test calls {@code assume...}: when the feature is absent the test is skipped (a JUnit
 * assumption) and one line naming the feature, how it was probed and the skipped test is printed,
 * so a skip is never silent. Features are probed by using them, never by a kernel version.
 */
public final class MachineFeatures {
  private MachineFeatures() {}

  /** x86: getpid is 20 in the i386 table, so a working int $0x80 returns a positive pid. */
  private static final String INT80_PROBE = "int main(void) {\n"
      + "  long r;\n"
      + "  __asm__ volatile(\"int $0x80\" : \"=a\"(r) : \"0\"(20L) : \"memory\");\n"
      + "  return r > 0 ? 0 : 3;\n"
      + "}\n";

  private static volatile Optional<String> ia32Absent;

  /**
   * Why this machine cannot run 32-bit x86 code (IA-32 emulation), or empty when it can. Probed
   * once per JVM by compiling and running a program that makes one {@code int $0x80} call: on a
   * kernel without IA-32 emulation (not built in, or {@code ia32_emulation=0}) the call raises a
   * general protection fault and the child dies with SIGSEGV; the same kernel refuses i386 ELF
   * files with ENOEXEC.
   */
  public static synchronized Optional<String> ia32Absent() {
    if (ia32Absent == null) {
      ia32Absent = probeIa32();
    }
    return ia32Absent;
  }

  /** Skips the calling test, with a printed reason, unless the machine runs 32-bit x86 code. */
  public static void assumeIa32(String test) {
    assume("IA-32 emulation", ia32Absent(), test);
  }

  private static void assume(String feature, Optional<String> absent, String test) {
    if (absent.isPresent()) {
      String line = "skipped (machine feature absent: " + feature + "): " + test + ": "
          + absent.get();
      System.out.println(line);
      Assumptions.abort(line);
    }
  }

  private static Optional<String> probeIa32() {
    String arch = System.getProperty("os.arch");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return Optional.of("not an x86_64 machine (os.arch " + arch + ")");
    }
    try {
      Path dir = Files.createTempDirectory("ior-ia32-probe");
      try {
        Path src = Files.writeString(dir.resolve("int80.c"), INT80_PROBE);
        Path exe = dir.resolve("int80");
        ExternalTool.Run cc = ExternalTool.run(60, List.of("cc", "-O0", "-o", exe.toString(),
            src.toString()));
        if (cc.exitCode() != 0) {
          return Optional.of("could not build the int $0x80 probe: " + cc.stderr().strip());
        }
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Optional.of("the int $0x80 probe did not end in 30 s");
        }
        int code = p.exitValue();
        if (code == 0) {
          return Optional.empty();
        }
        // Java reports death by signal N as 128 + N; SIGSEGV is 11.
        String how = code == 128 + 11 ? "died with SIGSEGV (a general protection fault)"
            : code > 128 ? "died with signal " + (code - 128) : "exited " + code;
        return Optional.of("an int $0x80 call " + how + ": this kernel runs 64-bit user code only"
            + " (check: dmesg | grep -i ia-32)");
      } finally {
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      return Optional.of("the int $0x80 probe failed to run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing int $0x80");
    }
  }
}
