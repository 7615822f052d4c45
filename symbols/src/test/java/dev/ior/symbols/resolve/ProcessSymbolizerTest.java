// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.symbols.maps.MemoryMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames of a process that has exited (no /proc/PID/maps) are named from the mappings learnt
 * before (the kernel's), with the module read by its path.
 */
class ProcessSymbolizerTest {
  /** A pid above the kernel's pid_max limit (2^22): never a live process. */
  private static final int GONE = 1 << 30;
  private static final long BASE = 0x555555554000L;

  @TempDir Path dir;
  private Path exe;
  private long known;

  /** A small program whose function {@code known_function} is at vaddr {@code known}. */
  @BeforeEach
  void build() throws Exception {
    Path src = dir.resolve("f.c");
    Files.writeString(src, "__attribute__((noinline)) int known_function(int x) { return x * 7; }\n"
        + "int main(int argc, char **argv) { return known_function(argc); }\n");
    exe = dir.resolve("f");
    run("gcc", "-O1", "-g", "-o", exe.toString(), src.toString());
    for (String line : run("nm", exe.toString()).split("\n")) {
      if (line.endsWith(" known_function")) {
        known = Long.parseUnsignedLong(line.substring(0, line.indexOf(' ')), 16);
      }
    }
  }

  private MemoryMap wholeFileAt(long start) {
    // gcc's x86_64 layout maps each segment at vaddr == file offset: one mapping of the file.
    return new MemoryMap(start, start + 0x100000, "r-xp", 0, "00:00", 1, exe.toString());
  }

  @Test
  void anExitedProcessIsNamedFromTheMappingsLearnt() {
    ProcessSymbolizer s = new ProcessSymbolizer(dir, Demangler.NONE, w -> {});
    s.learn(GONE, true, wholeFileAt(BASE));
    assertEquals(List.of("known_function"),
        s.symbolize(GONE, new long[] {BASE + known + 2}, 1, 0).frames());
  }

  @Test
  void aNewSetReplacesTheOldOneAndForgettingDropsIt() {
    ProcessSymbolizer s = new ProcessSymbolizer(dir, Demangler.NONE, w -> {});
    s.learn(GONE, true, wholeFileAt(BASE));
    s.learn(GONE, true, wholeFileAt(2 * BASE)); // exec'd, or the set walked again
    assertEquals(List.of("[unknown]", "known_function"),
        s.symbolize(GONE, new long[] {2 * BASE + known + 2, BASE + known + 3}, 2, 0).frames());
    s.learn(GONE, false, wholeFileAt(BASE)); // the same set goes on
    assertEquals(List.of("known_function"),
        s.symbolize(GONE, new long[] {BASE + known + 2}, 1, 0).frames());
    s.forget(GONE);
    assertEquals(List.of("[unknown]"),
        s.symbolize(GONE, new long[] {BASE + known + 2}, 1, 0).frames());
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }
}
