// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Joining relative paths to a base and absolute paths below a chroot's root (host's view). */
class PathJoinerTest {
  private final PathJoiner j = new PathJoiner(64);

  @Test
  void relativePathsJoinTheBase() {
    assertEquals("/srv/data/db/1.log", j.join("/srv/data", "db/1.log"));
    assertEquals("/srv/data/x", j.join("/srv/data", "./x"));
    assertEquals("/x", j.join("/", "x"));
    assertEquals("/abs", j.join("/srv", "/abs"));
  }

  @Test
  void absolutePathsGoBelowAnotherRoot() {
    assertEquals("/srv/jail/etc/x", j.joinUnder("/srv/jail", "/etc/x"));
    assertEquals("/srv/jail/etc/x", j.joinUnder("/srv/jail", "//etc/x"));
    assertEquals("/srv/jail", j.joinUnder("/srv/jail", "/"));
    // the host's own root, or a root not known: the path as the program wrote it
    String abs = "/etc/x";
    assertSame(abs, j.joinUnder("/", abs));
    assertSame(abs, j.joinUnder(null, abs));
  }

  @Test
  void aRepeatedJoinIsCached() {
    String base = "/srv/jail";
    String abs = "/etc/x";
    assertSame(j.joinUnder(base, abs), j.joinUnder(base, abs));
  }
}
