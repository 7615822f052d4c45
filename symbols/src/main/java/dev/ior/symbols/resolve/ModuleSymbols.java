// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.ElfSegment;
import dev.ior.symbols.elf.ElfSymbol;
import dev.ior.symbols.elf.SeparateDebugFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The function symbols of one ELF file (an executable or shared object), sorted for address
 * lookups: {@code .symtab} (of the file, else of its separate debug file found by build id or
 * {@code .gnu_debuglink}), then {@code .dynsym}. Addresses are the file's link-time virtual
 * addresses; {@link #toVaddr} maps a file offset (from {@code /proc/PID/maps}) there. Immutable
 * once built; an unreadable file gives a table without symbols.
 */
public final class ModuleSymbols {
  private static final byte[] ENDBR64 = {(byte) 0xf3, 0x0f, 0x1e, (byte) 0xfa};

  private final Path path;
  private final String shortName;
  private final long[] starts;
  private final long[] ends;
  private final String[] names;
  private final List<ElfSegment> loads;
  private final Demangler demangler;
  /** Demangled names, filled as functions are asked for: libjvm alone has ~50,000 C++ names. */
  private final java.util.Map<Integer, String> demangled =
      new java.util.concurrent.ConcurrentHashMap<>();

  private ModuleSymbols(Path path, long[] starts, long[] ends, String[] names,
      List<ElfSegment> loads, Demangler demangler) {
    this.demangler = demangler;
    this.path = path;
    this.shortName = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    this.starts = starts;
    this.ends = ends;
    this.names = names;
    this.loads = loads;
  }

  /**
   * Reads the symbols of {@code file} (as seen at {@code shownAs}, e.g. through {@code
   * /proc/PID/root}), demangling C++ names with {@code demangler}.
   *
   * @param file the file to read, e.g. {@code /proc/PID/root/usr/lib/libc.so.6}
   * @param shownAs the file's path as the process names it; its name appears in frames
   * @param debugRoot where separate debug files are looked for
   * @param demangler names C++ symbols
   * @return the module's function symbols; none when the file cannot be read (frames then show
   *     {@code module+0xOFFSET})
   */
  public static ModuleSymbols read(Path file, Path shownAs, Path debugRoot, Demangler demangler) {
    List<ElfSymbol> syms = new ArrayList<>();
    List<ElfSegment> loads = new ArrayList<>();
    try {
      ElfFile elf = ElfFile.read(file);
      for (ElfSegment s : elf.segments()) {
        if (s.type() == 1) {
          loads.add(s);
        }
      }
      if (!elf.hasSymtab()) {
        Path dir = shownAs.getParent() == null ? Path.of("/") : shownAs.getParent();
        for (ElfFile dbg : SeparateDebugFiles.find(elf, dir, debugRoot, new ArrayList<>())) {
          if (dbg.hasSymtab()) {
            syms.addAll(dbg.symbols());
            break;
          }
        }
      }
      syms.addAll(elf.symbols());
    } catch (IOException | RuntimeException e) {
      return new ModuleSymbols(shownAs, new long[0], new long[0], new String[0], List.of(),
          demangler);
    }
    syms.removeIf(s -> s.type() != ElfSymbol.STT_FUNC || !s.defined() || s.value() == 0);
    // Aliases share an address (write, __write, __libc_write, __GI___write): the best name first.
    syms.sort(Comparator.comparingLong(ElfSymbol::value).thenComparing(ModuleSymbols::aliasRank));
    int n = 0;
    long[] st = new long[syms.size()];
    long[] en = new long[syms.size()];
    String[] nm = new String[syms.size()];
    for (ElfSymbol s : syms) {
      if (n > 0 && st[n - 1] == s.value()) {
        en[n - 1] = Math.max(en[n - 1], s.value() + s.size());
        continue; // an alias of the previous symbol: the best-ranked name came first
      }
      st[n] = s.value();
      en[n] = s.value() + Math.max(1, s.size());
      nm[n] = s.name();
      n++;
    }
    return new ModuleSymbols(shownAs, Arrays.copyOf(st, n), Arrays.copyOf(en, n),
        Arrays.copyOf(nm, n), List.copyOf(loads), demangler);
  }

  /** Fewer leading underscores, then global before weak before local, then shorter. */
  private static int aliasRank(ElfSymbol s) {
    int bind = s.bind() == 1 ? 0 : s.bind() == 2 ? 1 : 2;
    int underscores = 0;
    while (underscores < s.name().length() && s.name().charAt(underscores) == '_') {
      underscores++;
    }
    return Math.min(underscores, 15) << 20 | bind << 16 | Math.min(s.name().length(), 0xffff);
  }

  /** {@return the file's name without directories, for {@code module+0xOFFSET} frames} */
  public String shortName() {
    return shortName;
  }

  /**
   * {@return the link-time virtual address of file offset {@code offset}, or -1 outside every
   * segment}
   *
   * @param offset a file offset, bytes
   */
  public long toVaddr(long offset) {
    for (ElfSegment s : loads) {
      if (offset >= s.offset() && offset < s.offset() + Math.max(s.fileSize(), s.memSize())) {
        return offset - s.offset() + s.vaddr();
      }
    }
    return loads.isEmpty() ? offset : -1;
  }

  private long toOffset(long vaddr) {
    for (ElfSegment s : loads) {
      if (vaddr >= s.vaddr() && vaddr < s.vaddr() + s.fileSize()) {
        return vaddr - s.vaddr() + s.offset();
      }
    }
    return -1;
  }

  /** Index of the function containing {@code vaddr}, or -1. */
  int indexAt(long vaddr) {
    int i = Arrays.binarySearch(starts, vaddr);
    if (i < 0) {
      i = -i - 2;
    }
    return i >= 0 && vaddr < ends[i] ? i : -1;
  }

  /**
   * {@return the function containing {@code vaddr}, or null}
   *
   * @param vaddr a link-time virtual address
   */
  public String nameAt(long vaddr) {
    int i = indexAt(vaddr);
    return i < 0 ? null : demangled.computeIfAbsent(i, k -> demangler.demangle(names[k]));
  }

  /**
   * {@return whether the function containing {@code vaddr} starts with {@code push %rbp} (after an
   * optional {@code endbr64}): whether it keeps a frame pointer, so that a frame-pointer walk from
   * it reaches its caller} False when unknown. Reads the function's first bytes from the file.
   *
   * @param file the file to read the function's bytes from
   * @param vaddr a link-time virtual address
   */
  public boolean pushesFramePointer(Path file, long vaddr) {
    int i = indexAt(vaddr);
    long off = i < 0 ? -1 : toOffset(starts[i]);
    if (off < 0) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate(8);
    try (FileChannel ch = FileChannel.open(file)) {
      while (b.hasRemaining() && ch.read(b, off + b.position()) > 0) {
        // keep reading
      }
    } catch (IOException e) {
      return false;
    }
    byte[] code = b.array();
    int at = Arrays.equals(Arrays.copyOf(code, 4), ENDBR64) ? 4 : 0;
    return code[at] == 0x55;
  }

  /**
   * {@return whether the code before {@code vaddr} is a call instruction ({@code e8 rel32}, or
   * {@code ff /2} in its register and memory forms): whether {@code vaddr} can be a return address}
   * Reads the 7 bytes before it from the file; false when unknown.
   *
   * @param file the file to read the code from
   * @param vaddr a link-time virtual address
   */
  public boolean followsCall(Path file, long vaddr) {
    long off = toOffset(vaddr);
    if (off < 7) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate(7);
    try (FileChannel ch = FileChannel.open(file)) {
      while (b.hasRemaining() && ch.read(b, off - 7 + b.position()) > 0) {
        // keep reading
      }
    } catch (IOException e) {
      return false;
    }
    byte[] c = b.array(); // c[7 - k] is the byte k before vaddr
    if (c[2] == (byte) 0xe8) {
      return true; // call rel32
    }
    for (int k : new int[] {2, 3, 6, 7}) { // call *reg, *disp8(reg), *disp32(reg), *abs32(,reg,s)
      if (c[7 - k] == (byte) 0xff && ((c[8 - k] >> 3) & 7) == 2) {
        return true;
      }
    }
    return false;
  }

  /** {@return number of function symbols} */
  public int size() {
    return starts.length;
  }

  /** {@return the file as the process sees it} */
  public Path path() {
    return path;
  }
}
