// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.symbols.elf.ElfFile;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.layout.StringAbi;
import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Offsets derived from the DWARF of the Zeek stand-ins (built with g++ or clang++/libc++) against
 * what the hand-written layouts and the fixture's own static_asserts say; separate debug files
 * found by debug link and by build id, split DWARF, and the absence of DWARF.
 */
class DwarfLayoutTest {
  @TempDir Path tmp;

  private static Offsets builtIn(String name) {
    return LayoutCatalog.builtIn().layouts().stream().filter(l -> l.name().equals(name))
        .findFirst().orElseThrow().offsets();
  }

  private static LayoutDeriver.Result derive(Path exe, Path debugRoot) throws Exception {
    DebugFiles.Found f = DebugFiles.find(ElfFile.read(exe), exe.getParent(), debugRoot);
    assertTrue(!f.readers().isEmpty(), "no DWARF found for " + exe + ": " + f.searched());
    LayoutDeriver.Result r = LayoutDeriver.derive(f.readers());
    assertTrue(r.problem().isEmpty(), r.problem());
    return r;
  }

  @ParameterizedTest
  @EnumSource(names = {"ZEEK30_DWARF", "ZEEK30_DEBUGLINK", "ZEEK30_SPLIT_DWARF"})
  void derivedOffsetsAreTheHandWrittenOnes(Variant v) throws Exception {
    LayoutDeriver.Result r = derive(Fixtures.build(v), tmp);
    assertEquals(builtIn("zeek-3.0-gcc-x86_64"), r.offsets());
    assertEquals("call_stack", r.callStackName());
  }

  @Test
  void splitDwarfIsReadFromTheDwoObject() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30_SPLIT_DWARF);
    DebugFiles.Found f = DebugFiles.find(ElfFile.read(exe), exe.getParent(), tmp);
    assertEquals(1, f.readers().size());
    assertTrue(f.readers().get(0).source().endsWith(".dwo"), f.readers().get(0).source());
  }

  @Test
  void theDebugLinkLeadsToTheSeparateFile() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30_DEBUGLINK);
    ElfFile elf = ElfFile.read(exe);
    assertTrue(elf.section(".debug_info").isEmpty(), "the executable must have no DWARF");
    assertEquals(exe.getFileName() + ".debug", elf.debugLink().orElseThrow().fileName());
    assertEquals(exe.resolveSibling(exe.getFileName() + ".debug"),
        DebugFiles.find(elf, exe.getParent(), tmp).file());
  }

  @Test
  void aDebugFileIsFoundByBuildIdUnderTheDebugRoot() throws Exception {
    Path built = Fixtures.build(Variant.ZEEK30_DEBUGLINK);
    Path exe = Files.createDirectories(tmp.resolve("bin")).resolve("zeek");
    Files.copy(built, exe); // no debug file next to this copy
    String id = ElfFile.read(exe).buildId();
    assertTrue(id.length() > 8, "build id " + id);
    Path root = tmp.resolve("debug");
    Path dbg = Files.createDirectories(root.resolve(".build-id").resolve(id.substring(0, 2)))
        .resolve(id.substring(2) + ".debug");
    assertNull(DebugFiles.find(ElfFile.read(exe), exe.getParent(), root).file());
    Files.copy(built.resolveSibling("zeek.debug"), dbg);
    assertEquals(dbg, DebugFiles.find(ElfFile.read(exe), exe.getParent(), root).file());
    assertEquals(builtIn("zeek-3.0-gcc-x86_64"), derive(exe, root).offsets());
  }

  @Test
  void reorderedMembersFollowTheDwarfNotTheHandLayout() throws Exception {
    Offsets o = derive(Fixtures.build(Variant.ZEEK30_REORDERED_DWARF), tmp).offsets();
    // The fixture's static_asserts for -DZEEK_REORDER.
    assertEquals(32, o.callInfoSize());
    assertEquals(16, o.callInfoCall());
    assertEquals(8, o.callInfoFunc());
    assertEquals(24, o.funcKind());
    assertEquals(1, o.scriptKind());
    assertEquals(32, o.funcName());
    assertEquals(16, o.locationFilename());
    assertEquals(8, o.locationFirstLine());
    assertEquals(24, o.frameNextStmt());
    assertNotEquals(builtIn("zeek-3.0-gcc-x86_64"), o);
  }

  @Test
  void zeek4NamespacedNames() throws Exception {
    LayoutDeriver.Result r = derive(Fixtures.build(Variant.ZEEK40_DWARF), tmp);
    assertEquals("zeek::detail::call_stack", r.callStackName());
    assertEquals(builtIn("zeek-3.1-gcc-x86_64"), r.offsets());
  }

  @Test
  void libcxxStrings() throws Exception {
    Offsets o = derive(Fixtures.build(Variant.ZEEK30_LIBCXX_DWARF), tmp).offsets();
    assertEquals(StringAbi.LIBCXX, o.stringAbi());
    assertEquals(16, o.stringData());
    assertEquals(8, o.stringSize());
    assertEquals(72, o.funcName());
    assertEquals(144, o.frameNextStmt());
  }

  @Test
  void withoutDebugInfoNothingIsFoundAndTheSearchIsNamed() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30);
    DebugFiles.Found f = DebugFiles.find(ElfFile.read(exe), exe.getParent(), tmp);
    assertTrue(f.readers().isEmpty());
    assertTrue(f.searched().contains(exe + " (.debug_info)"), f.searched());
    assertTrue(f.searched().contains(tmp.resolve(".build-id").toString()), f.searched());
  }
}
