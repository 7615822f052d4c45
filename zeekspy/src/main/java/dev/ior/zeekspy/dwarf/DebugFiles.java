// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.SeparateDebugFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the DWARF of an executable where GDB looks for it: in the executable itself; by build id
 * ({@code DEBUG_ROOT/.build-id/ab/cdef....debug}); by {@code .gnu_debuglink} name next to the
 * executable, in its {@code .debug} directory or under {@code DEBUG_ROOT} followed by the
 * executable's directory (a candidate counts only when its build id or CRC-32 matches); and, for
 * split DWARF ({@code -gsplit-dwarf}), in the {@code .dwo} objects its skeleton units name.
 *
 * <pre>{@code
 * DebugFiles.Found f = DebugFiles.find(ElfFile.read(exe), Path.of("/usr/bin"),
 *     Path.of("/usr/lib/debug"));
 * f.readers();      // empty: f.searched() says where it looked
 * }</pre>
 */
public final class DebugFiles {
  /** Where distributions install separate debug files. */
  public static final Path DEFAULT_ROOT = SeparateDebugFiles.DEFAULT_ROOT;

  private DebugFiles() {}

  /**
   * What was found: one reader per file with DWARF types (the executable or its debug file, or
   * each split-DWARF object), the file that led to them, and what was searched otherwise.
   *
   * @param readers DWARF readers, in order; empty when no DWARF was found
   * @param file the file holding the DWARF (or the skeleton units), or null
   * @param searched where it looked, for a message when nothing was found
   */
  public record Found(List<DwarfReader> readers, Path file, String searched) {}

  /**
   * Looks for the DWARF of {@code exe}, whose real directory is {@code exeDir}.
   *
   * @param exe the Zeek executable
   * @param exeDir its real directory
   * @param debugRoot where separate debug files are installed, usually {@link #DEFAULT_ROOT}
   * @return the DWARF readers found (empty when none), their file and where it looked
   * @throws IOException when a candidate cannot be read
   */
  public static Found find(ElfFile exe, Path exeDir, Path debugRoot) throws IOException {
    List<String> searched = new ArrayList<>();
    Found f = inFile(exe, searched);
    if (f != null) {
      return f;
    }
    for (ElfFile dbg : SeparateDebugFiles.find(exe, exeDir, debugRoot, searched)) {
      if ((f = inFile(dbg, searched)) != null) {
        return f;
      }
    }
    return new Found(List.of(), null, String.join(", ", searched));
  }

  /** The DWARF in {@code elf}, following skeleton units to their split objects; null if none. */
  private static Found inFile(ElfFile elf, List<String> searched) throws IOException {
    searched.add(elf.path() + " (.debug_info)");
    Optional<DwarfReader> r = DwarfReader.open(elf, false);
    if (r.isEmpty()) {
      return null;
    }
    List<Path> dwos = new ArrayList<>();
    boolean[] types = {false};
    // Split DWARF makes every compile unit a skeleton; the first unit tells which kind this is.
    r.get().scan(unit -> {
      if (unit.dwoName() == null) {
        types[0] |= !unit.root().children().isEmpty();
        return !dwos.isEmpty();
      }
      Path dwo = Path.of(unit.dwoName());
      if (!dwo.isAbsolute() && unit.compDir() != null) {
        dwo = Path.of(unit.compDir()).resolve(dwo);
      }
      dwos.add(dwo);
      return true;
    });
    if (dwos.isEmpty()) {
      return new Found(List.of(r.get()), elf.path(), "");
    }
    List<DwarfReader> readers = new ArrayList<>();
    if (types[0]) {
      readers.add(r.get());
    }
    for (Path dwo : dwos) {
      if (Files.isRegularFile(dwo)) {
        DwarfReader.open(ElfFile.read(dwo), true).ifPresent(readers::add);
      } else {
        searched.add(dwo + " (split DWARF, missing)");
      }
    }
    return readers.isEmpty() ? null : new Found(readers, elf.path(), "");
  }
}
