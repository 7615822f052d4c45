// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.zeekspy.ZeekSpyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing a layout by version, architecture and compiler. */
class LayoutCatalogTest {
  private final LayoutCatalog builtIn = LayoutCatalog.builtIn();

  @Test
  void builtInLayoutsCarryZeekSpysOffsets() {
    assertEquals(List.of("zeek-3.0-gcc-x86_64", "zeek-3.1-gcc-x86_64"),
        builtIn.layouts().stream().map(ZeekLayout::name).toList());
    Offsets o30 = builtIn.layouts().get(0).offsets();
    assertEquals(24, o30.callInfoSize());
    assertEquals(8, o30.objLocation());
    assertEquals(56, o30.funcKind());
    assertEquals(72, o30.funcName());
    assertEquals(8, o30.locationFilename());
    assertEquals(16, o30.locationFirstLine());
    assertEquals(144, o30.frameNextStmt());
    Offsets o31 = builtIn.layouts().get(1).offsets();
    assertEquals(0, o31.locationFilename());
    assertEquals(8, o31.locationFirstLine());
    assertEquals(List.of("version"), builtIn.versionSymbols());
  }

  @Test
  void selectsByVersion() {
    assertEquals("zeek-3.0-gcc-x86_64",
        builtIn.select("3.0.1", "x86_64", "GCC: (Debian 8.3.0-6) 8.3.0").layout().name());
    assertEquals("zeek-3.0-gcc-x86_64",
        builtIn.select("3.0.0-rc2", "x86_64", "GCC: 8").layout().name());
    assertEquals("zeek-3.1-gcc-x86_64",
        builtIn.select("3.1.5", "x86_64", "GCC: 8").layout().name());
    assertEquals("", builtIn.select("3.1.5", "x86_64", "GCC: 8").note());
  }

  @Test
  void otherCompilerIsUsedWithANote() {
    LayoutCatalog.Selection s = builtIn.select("3.0.1", "x86_64", "clang version 14.0.6");
    assertEquals("zeek-3.0-gcc-x86_64", s.layout().name());
    assertTrue(s.note().contains("clang version 14.0.6"), s.note());
  }

  @Test
  void unknownVersionNamesKnownLayoutsAndTheOverride() {
    ZeekSpyException e = assertThrows(ZeekSpyException.class,
        () -> builtIn.select("6.0.3", "x86_64", "GCC"));
    assertEquals(ZeekSpyException.Reason.UNKNOWN_VERSION, e.reason());
    assertTrue(e.getMessage().contains("'6.0.3'"), e.getMessage());
    assertTrue(e.getMessage().contains("zeek-3.0-gcc-x86_64 (3.0.*)"), e.getMessage());
    assertTrue(e.getMessage().contains("zeek-3.1-gcc-x86_64 (3.1.*)"), e.getMessage());
    assertTrue(e.getMessage().contains("-layout FILE"), e.getMessage());
  }

  @Test
  void otherArchitectureHasNoLayout() {
    ZeekSpyException e = assertThrows(ZeekSpyException.class,
        () -> builtIn.select("3.0.1", "aarch64", "GCC"));
    assertEquals(ZeekSpyException.Reason.UNKNOWN_VERSION, e.reason());
    assertTrue(e.getMessage().contains("aarch64"), e.getMessage());
  }

  @Test
  void versionPatterns() {
    ZeekLayout l = builtIn.layouts().get(0);
    assertTrue(l.matchesVersion("3.0.13"));
    assertTrue(!l.matchesVersion("3.00.1") && !l.matchesVersion("13.0.1"));
  }
}
