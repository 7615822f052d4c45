// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.dwarf.DebugFiles;
import dev.ior.zeekspy.dwarf.LayoutDeriver;
import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.SymbolNames;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.ZeekLayout;
import dev.ior.symbols.maps.ProcMaps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the layout of a Zeek process: a layout file the user gave; else offsets derived from the
 * executable's DWARF (in the file, a separate debug file or split-DWARF objects); else the
 * built-in layout for the version the process reports, with a note saying why DWARF was not used.
 */
final class LayoutChooser {
  private LayoutChooser() {}

  /** A layout and the note to show with it. */
  record Choice(ZeekLayout layout, String note) {}

  static Choice choose(ElfFile elf, String exePath, Path debugRoot, String version, String arch,
      LayoutCatalog catalog, ZeekLayout override) {
    if (override != null) {
      return new Choice(override, "layout file" + (override.matchesVersion(version) ? ""
          : "; note: it lists versions " + override.versions() + ", process says " + version));
    }
    String why;
    try {
      Path dir = Path.of(ProcMaps.stripDeleted(exePath)).getParent();
      DebugFiles.Found f = DebugFiles.find(elf, dir == null ? Path.of("/") : dir, debugRoot);
      // The executable is read through /proc/PID/exe; users know it by its real path.
      String proc = elf.path().toString();
      if (f.readers().isEmpty()) {
        why = "no DWARF debug info for " + exePath + " (looked in "
            + f.searched().replace(proc, exePath) + ")";
      } else {
        String file = f.file().toString().replace(proc, exePath);
        LayoutDeriver.Result r = LayoutDeriver.derive(f.readers());
        if (r.offsets() != null) {
          return new Choice(layout(r, file, version, arch, elf.comment(), catalog),
              "layout derived from the DWARF of " + file);
        }
        why = r.problem().replace(proc, exePath);
      }
    } catch (IOException | RuntimeException e) { // malformed DWARF must not stop profiling
      if (e instanceof ZeekSpyException z) {
        throw z;
      }
      why = "cannot read the DWARF of " + exePath + ": " + e.getMessage();
    }
    try {
      LayoutCatalog.Selection s = catalog.select(version, arch, elf.comment());
      return new Choice(s.layout(), why + "; using the built-in layout " + s.layout().name()
          + " for Zeek " + version + (s.note().isEmpty() ? "" : "; " + s.note()));
    } catch (ZeekSpyException e) {
      throw new ZeekSpyException(e.reason(), e.getMessage() + " (" + why + ")", e);
    }
  }

  private static ZeekLayout layout(LayoutDeriver.Result r, String file, String version,
      String arch, String comment, LayoutCatalog catalog) {
    String ns = r.callStackName().contains("::")
        ? r.callStackName().substring(0, r.callStackName().lastIndexOf("::") + 2) : "";
    String compiler = comment.contains("clang") ? "clang" : comment.contains("GCC") ? "GCC" : "";
    return new ZeekLayout("zeek-" + version + "-dwarf-" + arch,
        "derived from the DWARF of " + file, List.of(version.replace("*", "?")), arch, compiler,
        names(r.callStackName(), "call_stack", "zeek::detail::call_stack"),
        names(ns + "g_frame_stack", "g_frame_stack", "zeek::detail::g_frame_stack"),
        catalog.versionSymbols(), r.offsets());
  }

  private static List<String> names(String... candidates) {
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    SymbolNames.linkerNames(out); // validates the names
    return out;
  }
}
