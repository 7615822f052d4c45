// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.elf;

import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.ElfFormatException;
import dev.ior.symbols.elf.ElfHeader;
import dev.ior.symbols.elf.ElfSymbol;
import dev.ior.symbols.elf.SymbolNames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import dev.ior.zeekspy.testing.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF reader against binutils' view of the same files ({@code readelf -sW}, {@code nm}). */
class ElfFileTest {
  @TempDir Path tmp;

  @Test
  void everyDefinedGlobalSymbolMatchesReadelf() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK30);
    ElfFile elf = ElfFile.read(exe);
    List<String[]> readelf = readelfSymbols(exe);
    int checked = 0;
    for (String[] s : readelf) {
      // columns: Num Value Size Type Bind Vis Ndx Name
      if (s.length < 8 || s[6].equals("UND") || !s[4].equals("GLOBAL")) {
        continue;
      }
      String name = s[7].replaceAll("@.*", "");
      Optional<ElfSymbol> mine = elf.symbol(name);
      assertTrue(mine.isPresent(), "missing " + name);
      assertEquals(Long.parseUnsignedLong(s[1], 16), mine.get().value(), name);
      assertEquals(Long.parseLong(s[2]), mine.get().size(), name);
      checked++;
    }
    assertTrue(checked > 20, "only " + checked + " symbols checked");
    // Both tables, minus their null entries, hold exactly the rows readelf lists.
    assertEquals(readelf.size(), elf.symbols().size());
  }

  @Test
  void findsNamespacedNamesAsNmPrintsThem() throws Exception {
    Path exe = Fixtures.build(Variant.ZEEK31_NAMESPACED);
    ElfFile elf = ElfFile.read(exe);
    long nm = nmAddress(exe, "zeek::detail::call_stack");
    ElfSymbol s = SymbolNames.find(elf, List.of("call_stack", "zeek::detail::call_stack"))
        .orElseThrow();
    assertEquals("_ZN4zeek6detail10call_stackE", s.name());
    assertEquals(nm, s.value());
    assertEquals(ElfSymbol.STT_OBJECT, s.type());
    assertEquals(24, s.size());
    assertTrue(elf.symbol("call_stack").isEmpty(), "the plain name must not exist here");
  }

  @Test
  void headerAndLoadAddressOfPie() throws Exception {
    ElfFile elf = ElfFile.read(Fixtures.build(Variant.ZEEK30));
    assertEquals("x86_64", elf.header().architecture());
    assertEquals(ElfHeader.ET_DYN, elf.header().type());
    assertEquals(0, elf.firstLoadAddress());
    assertTrue(elf.comment().contains("GCC"), elf.comment());
    assertTrue(elf.hasSymtab());
  }

  @Test
  void strippedBinaryKeepsOnlyDynsym() throws Exception {
    ElfFile elf = ElfFile.read(Fixtures.build(Variant.STRIPPED));
    assertFalse(elf.hasSymtab());
    assertTrue(elf.symbol("call_stack").isEmpty());
    assertTrue(elf.symbols().stream().allMatch(ElfSymbol::dynamic));
  }

  @Test
  void thirtyTwoBitFileIsRecognisedAndRefused() throws Exception {
    Path exe = Fixtures.build(Variant.I386);
    ElfHeader h = ElfHeader.read(exe);
    assertEquals(32, h.elfClass());
    assertEquals("i386", h.architecture());
    assertEquals(ElfHeader.ET_EXEC, h.type());
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.read(exe));
    assertTrue(e.getMessage().contains("32-bit little-endian i386"), e.getMessage());
  }

  @Test
  void patchedMachineIsReported() throws Exception {
    byte[] b = Files.readAllBytes(Fixtures.build(Variant.ZEEK30));
    b[18] = (byte) ElfHeader.EM_AARCH64;
    b[19] = 0;
    Path f = tmp.resolve("arm");
    Files.write(f, b);
    assertEquals("aarch64", ElfHeader.read(f).architecture());
  }

  @Test
  void notElfAtAll() throws Exception {
    Path f = tmp.resolve("text");
    Files.writeString(f, "#!/bin/sh\necho hello world, this is not ELF\n");
    assertThrows(ElfFormatException.class, () -> ElfHeader.read(f));
  }

  private static List<String[]> readelfSymbols(Path exe) throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String line : run("readelf", "-sW", exe.toString())) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 7 && f[0].matches("\\d+:") && !f[0].equals("0:")) {
        rows.add(f);
      }
    }
    return rows;
  }

  private static long nmAddress(Path exe, String demangled) throws Exception {
    for (String line : run("nm", "-C", exe.toString())) {
      if (line.endsWith(" " + demangled)) {
        return Long.parseUnsignedLong(line.substring(0, line.indexOf(' ')), 16);
      }
    }
    throw new AssertionError("nm does not list " + demangled);
  }

  private static List<String> run(String... cmd) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      Gate.toolMissing(cmd[0] + " (binutils) is not installed");
      throw e;
    }
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    return lines;
  }
}
