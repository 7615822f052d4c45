// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.ElfSection;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.ZeekLayout;
import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of layout sources and what the note says about each. */
class LayoutChooserTest {
  private static final LayoutCatalog CATALOG = LayoutCatalog.builtIn();

  @TempDir Path tmp;

  private LayoutChooser.Choice choose(Path exe, String version, ZeekLayout override)
      throws Exception {
    return LayoutChooser.choose(ElfFile.read(exe), exe.toString(), tmp, version, "x86_64",
        CATALOG, override);
  }

  @Test
  void dwarfFirst() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30_DWARF);
    LayoutChooser.Choice c = choose(exe, "3.0.1", null);
    assertEquals("zeek-3.0.1-dwarf-x86_64", c.layout().name());
    assertEquals("layout derived from the DWARF of " + exe, c.note());
    assertEquals(CATALOG.layouts().get(0).offsets(), c.layout().offsets());
  }

  @Test
  void aLayoutFileWinsOverDwarf() throws Exception {
    ZeekLayout mine = CATALOG.layouts().get(1);
    LayoutChooser.Choice c = choose(Fixtures.build(Variant.ZEEK30_DWARF), "3.0.1", mine);
    assertEquals(mine, c.layout());
    assertTrue(c.note().startsWith("layout file; note: it lists versions [3.1.*]"), c.note());
  }

  @Test
  void withoutDwarfTheBuiltInLayoutAndWhy() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30);
    LayoutChooser.Choice c = choose(exe, "3.0.1", null);
    assertEquals("zeek-3.0-gcc-x86_64", c.layout().name());
    assertTrue(c.note().startsWith("no DWARF debug info for " + exe + " (looked in " + exe
        + " (.debug_info), " + tmp.resolve(".build-id")), c.note());
    assertTrue(c.note().endsWith("; using the built-in layout zeek-3.0-gcc-x86_64 for Zeek"
        + " 3.0.1"), c.note());
    ZeekSpyException e = assertThrows(ZeekSpyException.class, () -> choose(exe, "6.0.3", null));
    assertEquals(ZeekSpyException.Reason.UNKNOWN_VERSION, e.reason());
    assertTrue(e.getMessage().contains("(no DWARF debug info for " + exe), e.getMessage());
  }

  @Test
  void damagedDwarfFallsBackWithTheReason() throws Exception {
    Path exe = tmp.resolve("zeek");
    Files.copy(Fixtures.build(Variant.ZEEK30_DWARF), exe);
    ElfSection abbrev = ElfFile.read(exe).section(".debug_abbrev").orElseThrow();
    byte[] junk = new byte[(int) abbrev.size()];
    Arrays.fill(junk, (byte) 0xff);
    try (RandomAccessFile f = new RandomAccessFile(exe.toFile(), "rw")) {
      f.seek(abbrev.offset());
      f.write(junk);
    }
    LayoutChooser.Choice c = choose(exe, "3.0.1", null);
    assertEquals("zeek-3.0-gcc-x86_64", c.layout().name());
    assertTrue(c.note().startsWith("cannot read the DWARF of " + exe + ": " + exe
        + ": .debug_info at 0x0: "), c.note());
  }
}
