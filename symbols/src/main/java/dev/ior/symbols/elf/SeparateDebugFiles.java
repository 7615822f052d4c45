// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The separate debug files of an ELF file, where GDB looks for them: by build id ({@code
 * DEBUG_ROOT/.build-id/ab/cdef....debug}); by {@code .gnu_debuglink} name next to the file, in
 * its {@code .debug} directory or under {@code DEBUG_ROOT} followed by the file's directory. A
 * candidate counts only when its build id (else its CRC-32) matches. zeekspy looks there for
 * DWARF, ior for {@code .symtab}.
 *
 * <pre>{@code
 * List<ElfFile> dbg = SeparateDebugFiles.find(elf, Path.of("/usr/lib"), SeparateDebugFiles.DEFAULT_ROOT,
 *     searched);
 * }</pre>
 */
public final class SeparateDebugFiles {
  /** Where distributions install separate debug files. */
  public static final Path DEFAULT_ROOT = Path.of("/usr/lib/debug");

  private SeparateDebugFiles() {}

  /**
   * {@return the matching debug files of {@code exe} (whose real directory is {@code exeDir}), in
   * GDB's order; every path tried is appended to {@code searched}}
   *
   * @param exe the stripped executable or library
   * @param exeDir its real directory
   * @param debugRoot the global debug directory, usually {@link #DEFAULT_ROOT}
   * @param searched receives every path tried, for error messages
   * @throws IOException when a candidate exists but cannot be read
   */
  public static List<ElfFile> find(ElfFile exe, Path exeDir, Path debugRoot, List<String> searched)
      throws IOException {
    List<ElfFile> found = new ArrayList<>();
    String id = exe.buildId();
    if (id.length() > 2) {
      Path p = debugRoot.resolve(".build-id").resolve(id.substring(0, 2))
          .resolve(id.substring(2) + ".debug");
      searched.add(p.toString());
      if (Files.isRegularFile(p)) {
        ElfFile dbg = ElfFile.read(p);
        if (dbg.buildId().equals(id)) {
          found.add(dbg);
        }
      }
    }
    Optional<ElfFile.DebugLink> link = exe.debugLink();
    if (link.isPresent()) {
      for (Path p : linkCandidates(link.get().fileName(), exeDir, debugRoot)) {
        searched.add(p.toString());
        if (Files.isRegularFile(p)) {
          ElfFile dbg = ElfFile.read(p);
          if (matches(dbg, p, id, link.get().crc32())) {
            found.add(dbg);
          }
        }
      }
    }
    return found;
  }

  private static Set<Path> linkCandidates(String name, Path exeDir, Path debugRoot) {
    Set<Path> c = new LinkedHashSet<>();
    c.add(exeDir.resolve(name));
    c.add(exeDir.resolve(".debug").resolve(name));
    Path rel = exeDir.isAbsolute() ? exeDir.getRoot().relativize(exeDir) : exeDir;
    c.add(debugRoot.resolve(rel).resolve(name));
    return c;
  }

  /** A debug file belongs to the executable when the build ids agree, else when the CRC does. */
  private static boolean matches(ElfFile dbg, Path p, String id, long crc) throws IOException {
    if (!id.isEmpty() && !dbg.buildId().isEmpty()) {
      return id.equals(dbg.buildId());
    }
    CRC32 c = new CRC32();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        c.update(buf, 0, n);
      }
    }
    return c.getValue() == crc;
  }
}
