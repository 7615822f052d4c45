// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import dev.ior.zeekspy.dwarf.DebugFiles;
import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.ElfHeader;
import dev.ior.symbols.elf.ElfSymbol;
import dev.ior.symbols.elf.SymbolNames;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.ZeekLayout;
import dev.ior.symbols.maps.MemoryMap;
import dev.ior.symbols.maps.ProcMaps;
import dev.ior.zeekspy.proc.RemoteMemory;
import dev.ior.zeekspy.proc.VmReadvMemory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a pid into a {@link ZeekTarget}: checks the process and its architecture, reads the
 * executable's symbols, computes the load bias from {@code /proc/PID/maps}, reads the Zeek
 * version from the process and chooses the layout (a layout file, else derived from DWARF, else
 * built in by version). Every failure is a {@link ZeekSpyException}
 * saying what is wrong and what to do.
 *
 * <pre>{@code
 * try (RemoteMemory mem = new VmReadvMemory(pid)) {
 *   ZeekTarget t = TargetResolver.resolve(pid, LayoutCatalog.builtIn(), null, mem);
 * }
 * }</pre>
 */
public final class TargetResolver {
  private TargetResolver() {}

  /**
   * Resolves {@code pid}.
   *
   * @param catalog the layouts to choose from by version
   * @param override a layout to use regardless of DWARF and version, or null
   * @param debugRoot where separate debug files are installed ({@link DebugFiles#DEFAULT_ROOT})
   * @param memory reads the process (used for the version string)
   * @param pid process id of a running Zeek
   * @return the executable, symbols' addresses, version and layout
   */
  public static ZeekTarget resolve(long pid, LayoutCatalog catalog, ZeekLayout override,
      Path debugRoot, RemoteMemory memory) {
    if (pid <= 0 || !ProcessState.exists(pid)) {
      throw new ZeekSpyException(Reason.NO_SUCH_PROCESS, "no such process: " + pid);
    }
    Path exe = Path.of("/proc", Long.toString(pid), "exe");
    String exePath = executablePath(pid, exe);
    ElfHeader header = readHeader(pid, exe, exePath);
    checkArchitecture(pid, header, exePath);
    ElfFile elf = readElf(exe, exePath);
    long bias = loadBias(pid, exe, exePath, elf);
    List<String> versionNames = override != null ? override.versionSymbols()
        : catalog.versionSymbols();
    ElfSymbol versionSym = symbol(elf, versionNames, "version", exePath);
    String version = VersionReader.read(memory, bias + versionSym.value(), versionSym.size(), pid);
    LayoutChooser.Choice choice = LayoutChooser.choose(elf, exePath, debugRoot, version,
        header.architecture(), catalog, override);
    ZeekLayout layout = choice.layout();
    String note = choice.note();
    if (!layout.arch().equals(header.architecture())) {
      throw new ZeekSpyException(Reason.WRONG_ARCHITECTURE, "layout " + layout.name() + " is for "
          + layout.arch() + " but process " + pid + " (" + exePath + ") is "
          + header.architecture());
    }
    ElfSymbol cs = symbol(elf, layout.callStackSymbols(), "call_stack", exePath);
    ElfSymbol fs = symbol(elf, layout.frameStackSymbols(), "g_frame_stack", exePath);
    return new ZeekTarget(pid, exePath, header.architecture(), bias, version, layout, note,
        cs.name(), bias + cs.value(), fs.name(), bias + fs.value());
  }

  private static String executablePath(long pid, Path exe) {
    try {
      return Files.readSymbolicLink(exe).toString();
    } catch (AccessDeniedException e) {
      throw new ZeekSpyException(Reason.PERMISSION_DENIED, VmReadvMemory.permissionMessage(pid), e);
    } catch (NoSuchFileException e) {
      if (!ProcessState.exists(pid)) {
        throw new ZeekSpyException(Reason.NO_SUCH_PROCESS, "no such process: " + pid, e);
      }
      throw new ZeekSpyException(Reason.NO_SUCH_PROCESS,
          "process " + pid + " has no executable (a kernel thread or a zombie)", e);
    } catch (IOException e) {
      throw new ZeekSpyException(Reason.IO, "cannot resolve " + exe + ": " + e, e);
    }
  }

  private static ElfHeader readHeader(long pid, Path exe, String exePath) {
    try {
      return ElfHeader.read(exe);
    } catch (AccessDeniedException e) {
      throw new ZeekSpyException(Reason.PERMISSION_DENIED, VmReadvMemory.permissionMessage(pid), e);
    } catch (IOException e) {
      throw new ZeekSpyException(Reason.IO, "cannot read " + exePath + ": " + e.getMessage(), e);
    }
  }

  /** Refuses 32-bit, big-endian and foreign-architecture executables. */
  static void checkArchitecture(long pid, ElfHeader header, String exePath) {
    String jvmArch = jvmArchitecture();
    if (header.elfClass() != 64 || !header.littleEndian()
        || !header.architecture().equals(jvmArch)) {
      throw new ZeekSpyException(Reason.WRONG_ARCHITECTURE, "process " + pid + " runs "
          + exePath + ", a " + header.describe() + " executable; zeekspy reads 64-bit "
          + "little-endian processes of its own architecture (" + jvmArch + ")");
    }
  }

  /** The JVM's architecture in ELF terms ({@code amd64} is {@code x86_64}). */
  static String jvmArchitecture() {
    String a = System.getProperty("os.arch", "");
    return a.equals("amd64") ? "x86_64" : a;
  }

  private static ElfFile readElf(Path exe, String exePath) {
    try {
      return ElfFile.read(exe);
    } catch (IOException e) {
      throw new ZeekSpyException(Reason.IO, "cannot read ELF tables of " + exePath + ": "
          + e.getMessage(), e);
    }
  }

  private static long loadBias(long pid, Path exe, String exePath, ElfFile elf) {
    try {
      long inode = (Long) Files.getAttribute(exe, "unix:ino");
      List<MemoryMap> maps = ProcMaps.read(pid);
      MemoryMap first = ProcMaps.fileStart(maps, inode, ProcMaps.stripDeleted(exePath))
          .orElseThrow(() -> new ZeekSpyException(Reason.IO, "/proc/" + pid + "/maps has no "
              + "mapping of offset 0 of " + exePath));
      return first.start() - elf.firstLoadAddress();
    } catch (AccessDeniedException e) {
      throw new ZeekSpyException(Reason.PERMISSION_DENIED, VmReadvMemory.permissionMessage(pid), e);
    } catch (IOException | UnsupportedOperationException e) {
      throw new ZeekSpyException(Reason.IO, "cannot read /proc/" + pid + "/maps: " + e, e);
    }
  }

  private static ElfSymbol symbol(ElfFile elf, List<String> names, String what, String exePath) {
    return SymbolNames.find(elf, names).orElseThrow(() -> new ZeekSpyException(
        Reason.SYMBOL_NOT_FOUND, exePath + " defines none of " + SymbolNames.linkerNames(names)
            + " (the " + what + " symbol)" + strippedHint(elf)));
  }

  private static String strippedHint(ElfFile elf) {
    if (elf.hasSymtab()) {
      return "; is this a Zeek binary, and does the layout name its symbols?";
    }
    return "; the binary is stripped and does not export them dynamically. Zeek links with "
        + "-rdynamic; profile an unstripped build, or one linked with -rdynamic";
  }
}
