// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing /proc/PID/maps and finding an executable's first mapping. */
class ProcMapsTest {
  private static final List<String> LINES = List.of(
      "55d0c8a00000-55d0c8a2a000 r--p 00000000 08:01 1234567                    /usr/bin/zeek",
      "55d0c8a2a000-55d0c8f00000 r-xp 0002a000 08:01 1234567                    /usr/bin/zeek",
      "55d0ca000000-55d0ca400000 rw-p 00000000 00:00 0                          [heap]",
      "7f0000000000-7f0000001000 r--p 00000000 08:01 42                         /opt/my dir/lib x.so",
      "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 ",
      "7f0000010000-7f0000011000 r--p 00000000 08:01 777                        /tmp/zeek (deleted)",
      "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]");

  @Test
  void parsesEveryField() {
    MemoryMap m = ProcMaps.parseLine(LINES.get(1));
    assertEquals(0x55d0c8a2a000L, m.start());
    assertEquals(0x55d0c8f00000L, m.end());
    assertEquals("r-xp", m.perms());
    assertEquals(0x2a000, m.offset());
    assertEquals("08:01", m.device());
    assertEquals(1234567, m.inode());
    assertEquals("/usr/bin/zeek", m.path());
    assertTrue(m.readable());
    assertTrue(m.contains(0x55d0c8a2a000L));
    assertFalse(m.contains(0x55d0c8f00000L));
  }

  @Test
  void keepsSpacesInPathsAndEmptyPaths() {
    List<MemoryMap> maps = ProcMaps.parse(LINES);
    assertEquals("/opt/my dir/lib x.so", maps.get(3).path());
    assertEquals("", maps.get(4).path());
    assertEquals("[heap]", maps.get(2).path());
  }

  @Test
  void addressesAboveSignedRange() {
    MemoryMap v = ProcMaps.parseLine(LINES.get(6));
    assertEquals(0xffffffffff600000L, v.start());
    assertTrue(v.contains(0xffffffffff600010L));
    assertFalse(v.readable());
  }

  @Test
  void firstMappingByInodeOrPath() {
    List<MemoryMap> maps = ProcMaps.parse(LINES);
    assertEquals(0x55d0c8a00000L, ProcMaps.fileStart(maps, 1234567, "x").orElseThrow().start());
    // A deleted (e.g. upgraded) binary is still found by path without the suffix.
    assertEquals(0x7f0000010000L, ProcMaps.fileStart(maps, 0, "/tmp/zeek").orElseThrow().start());
    assertTrue(ProcMaps.fileStart(maps, 99, "/usr/bin/zeek").isEmpty());
  }

  @Test
  void rejectsOtherText() {
    assertThrows(IllegalArgumentException.class, () -> ProcMaps.parseLine("hello world"));
    assertThrows(IllegalArgumentException.class,
        () -> ProcMaps.parseLine("zz-10 r--p 0 0:0 0 /x"));
  }

  @Test
  void parsesThisJvmsOwnMaps() throws Exception {
    List<MemoryMap> maps = ProcMaps.read(ProcessHandle.current().pid());
    assertTrue(maps.size() > 10);
    Path java = Files.readSymbolicLink(Path.of("/proc/self/exe"));
    long inode = (Long) Files.getAttribute(Path.of("/proc/self/exe"), "unix:ino");
    assertTrue(ProcMaps.fileStart(maps, inode, java.toString()).isPresent());
  }
}
