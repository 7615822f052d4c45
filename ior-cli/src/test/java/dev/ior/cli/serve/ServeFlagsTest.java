// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import org.junit.jupiter.api.Test;

/** {@code ior serve} takes every filter flag of {@code ior}, with the same help (one mixin). */
class ServeFlagsTest {
  @Test
  void serveHasEveryFilterFlagOfIorWithTheSameHelp() {
    String serve = IorRun.run("serve", "--help").out();
    for (String flag : new String[] {"-pid", "-follow", "-tid", "-comm", "-path", "-cgroup",
        "-container", "-tps", "-syscalls", "-families", "-tpsExclude", "-mapSize"}) {
      assertTrue(serve.contains(flag + ","), flag + " in:\n" + serve);
    }
    assertTrue(serve.replaceAll("\\s+", " ").contains("with none of them: the fs and aio families"),
        "the -tps default is ior's: " + serve);
  }

  @Test
  void aMissingPidIsRefusedAsByIor() {
    IorRun.Result r = IorRun.run("serve", "-pid", "2147483646");
    assertEquals(2, r.code());
    assertEquals("ior serve: -pid 2147483646: no such process", r.err().strip());
  }
}
