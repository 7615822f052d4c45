// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 kinds 9 and 5 on the real kernel, with ior's default selection: a file mapping is
 * shown (mmap naming the file, msync, munmap) while anonymous memory is not; after a chroot the
 * names are the host's, with the process's root and its own view beside them in JSON.
 */
class MappedAndRootedIT {
  @TempDir Path work;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  @Test
  void fileMappingsAreShownAndAChrootedProcessIsNamedInTheHostsView() throws Exception {
    Path bin = compile();
    String dir = work.toRealPath().toString();
    CliProcess ior = new CliProcess("ior", "-format", "json", "--", bin.toString(), dir);
    assertEquals(0, ior.waitFor(120), ior.err());
    List<String> rows = ior.out().lines().filter(l -> l.contains("\"pid\":"))
        .collect(Collectors.toList());
    List<String> mmaps = of(rows, "mmap");
    assertEquals(1, mmaps.size(), "only the file's mapping, not the anonymous one: " + mmaps);
    assertTrue(mmaps.get(0).contains("\"file\":\"" + dir + "/mapped.dat\""), mmaps.get(0));
    assertEquals(1, of(rows, "msync").size(), String.join("\n", rows));
    assertEquals(1, of(rows, "munmap").size(), "the file's pages only: " + of(rows, "munmap"));
    String write = of(rows, "write").get(0);
    assertTrue(write.contains("\"file\":\"" + dir + "/jail/sub/f0\""), write);
    assertTrue(write.contains("\"root\":\"" + dir + "/jail\""), write);
    assertTrue(write.contains("\"file_own\":\"/sub/f0\""), write);
    String unlink = of(rows, "unlink").get(0);
    assertTrue(unlink.contains("\"file\":\"" + dir + "/jail/sub/gone\""),
        "an absolute path in the chroot, in the host's view: " + unlink);
    assertTrue(unlink.contains("\"file_own\":\"/sub/gone\""), unlink);
  }

  private static List<String> of(List<String> rows, String syscall) {
    return rows.stream().filter(l -> l.contains("\"syscall\":\"" + syscall + "\""))
        .collect(Collectors.toList());
  }

  private Path compile() throws Exception {
    Path src = Path.of("src/test/resources/names/mapchroot.c").toAbsolutePath();
    Path bin = work.resolve("mapchroot");
    Process p;
    try {
      p = new ProcessBuilder("gcc", "-O1", "-static", "-o", bin.toString(), src.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("SKIPPED: no gcc: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes());
    Assumptions.assumeTrue(p.waitFor() == 0, "SKIPPED: cannot compile mapchroot.c: " + out);
    return bin;
  }
}
