// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds are reproducible, cover every kind, and every kind's program is valid C for gcc. */
class GeneratorTest {
  @TempDir Path dir;

  @Test
  void aSeedAlwaysGivesTheSameProgram() {
    Generator g = new Generator(List.of());
    assertEquals(g.generate(42).source(), new Generator(List.of()).generate(42).source());
    assertNotEquals(g.generate(42).source(), g.generate(43).source());
    assertEquals(Kind.RENAME, new Generator(List.of(Kind.LINK, Kind.RENAME)).kindOf(7));
  }

  @Test
  void everyKindsProgramCompiles() throws Exception {
    Generator g = new Generator(List.of());
    int kinds = Kind.values().length;
    for (long seed = 1; seed <= kinds; seed++) {
      Program p = g.generate(seed);
      Path src = dir.resolve(p.name() + ".c");
      Files.writeString(src, p.source(), StandardCharsets.UTF_8);
      Process gcc;
      try {
        gcc = new ProcessBuilder("gcc", "-fsyntax-only", "-Wall", "-Werror",
            "-Wno-unused-function", "-Wno-unused-variable", src.toString())
            .redirectErrorStream(true).start();
      } catch (java.io.IOException e) {
        System.err.println("SKIPPED: gcc not found");
        Assumptions.abort("gcc not found");
        return;
      }
      String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, gcc.waitFor(), p.kind().id() + " (seed " + seed + "):\n" + out);
    }
  }
}
