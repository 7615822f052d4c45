// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small reader for 64-bit little-endian ELF files: program headers, section headers, the
 * {@code .symtab} and {@code .dynsym} symbol tables and the {@code .comment} section. Only the
 * tables are read into memory, never the whole file, so a large unstripped binary costs a few MB.
 *
 * <pre>{@code
 * ElfFile elf = ElfFile.read(Path.of("/proc/1234/exe"));
 * Optional<ElfSymbol> cs = elf.symbol("call_stack");
 * long linkBase = elf.firstLoadAddress();   // 0 for a normal PIE
 * }</pre>
 */
public final class ElfFile {
  private static final int SHT_SYMTAB = 2;
  private static final int SHT_DYNSYM = 11;
  private static final int PT_LOAD = 1;
  private static final int SYM_SIZE = 24;

  private static final int ELFCOMPRESS_ZLIB = 1;
  private static final int ELFCOMPRESS_ZSTD = 2;

  private final Path path;
  private final ElfHeader header;
  private final List<ElfSection> sections;
  private final List<ElfSegment> segments;
  private final List<SymbolTable> symbolTables;
  private final String comment;

  private ElfFile(Path path, ElfHeader header, List<ElfSection> sections,
      List<ElfSegment> segments, List<SymbolTable> symbolTables, String comment) {
    this.path = path;
    this.header = header;
    this.sections = List.copyOf(sections);
    this.segments = List.copyOf(segments);
    this.symbolTables = List.copyOf(symbolTables);
    this.comment = comment;
  }

  /**
   * Reads the headers and tables of {@code path}.
   *
   * @param path an ELF file
   * @return the file's headers, sections, segments and symbol tables
   * @throws ElfFormatException if the file is not a 64-bit little-endian ELF file or is corrupt
   */
  public static ElfFile read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer eh = readAt(ch, 0, 64, path);
      ElfHeader header = ElfHeader.parse(eh, path);
      if (header.elfClass() != 64 || !header.littleEndian()) {
        throw new ElfFormatException(path + " is a " + header.describe()
            + " ELF file; only 64-bit little-endian files are supported");
      }
      List<ElfSegment> segments = readSegments(ch, eh, path);
      List<ElfSection> sections = SectionTable.read(ch, eh, path);
      List<SymbolTable> tables = new ArrayList<>();
      String comment = "";
      for (ElfSection s : sections) {
        if (s.type() == SHT_SYMTAB || s.type() == SHT_DYNSYM) {
          tables.add(readSymbols(ch, s, sections, path));
        } else if (s.name().equals(".comment")) {
          comment = commentText(readAt(ch, s.offset(), s.size(), path));
        }
      }
      return new ElfFile(path, header, sections, segments, tables, comment);
    }
  }

  /** {@return the file this was read from} */
  public Path path() {
    return path;
  }

  /**
   * {@return the first section called {@code name} that has contents in the file}
   *
   * @param name a section name, e.g. {@code .debug_info}
   */
  public Optional<ElfSection> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name) && s.hasContents()).findFirst();
  }

  /**
   * {@return the bytes of {@code s}, little-endian: mapped from the file, or inflated when the
   * section is compressed ({@code SHF_COMPRESSED} with zlib, as {@code objcopy
   * --compress-debug-sections} and Debian's debug packages write them)}
   *
   * @param s a section of this file
   * @throws ElfFormatException when the section lies outside the file or uses a compression
   *     other than zlib (zstd)
   */
  public ByteBuffer contents(ElfSection s) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      if (s.offset() < 0 || s.size() < 0 || s.offset() + s.size() > ch.size()) {
        throw new ElfFormatException(path + ": section " + s.name() + " lies outside the file");
      }
      ByteBuffer raw = ch.map(FileChannel.MapMode.READ_ONLY, s.offset(), s.size())
          .order(ByteOrder.LITTLE_ENDIAN);
      return (s.flags() & ElfSection.SHF_COMPRESSED) == 0 ? raw : inflate(raw, s);
    }
  }

  private ByteBuffer inflate(ByteBuffer raw, ElfSection s) throws IOException {
    // Elf64_Chdr: ch_type (4), ch_reserved (4), ch_size (8), ch_addralign (8), then the data.
    int type = raw.getInt(0);
    long size = raw.getLong(8);
    if (type != ELFCOMPRESS_ZLIB) {
      throw new ElfFormatException(path + ": section " + s.name() + " is compressed with "
          + (type == ELFCOMPRESS_ZSTD ? "zstd" : "method " + type) + "; only zlib is supported"
          + " (objcopy --decompress-debug-sections makes a readable copy)");
    }
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new ElfFormatException(path + ": section " + s.name() + " inflates to " + size
          + " bytes");
    }
    byte[] out = new byte[(int) size];
    Inflater inf = new Inflater();
    try {
      inf.setInput(raw.position(24).slice());
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int got = inf.inflate(out, n, out.length - n);
        if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != out.length) {
        throw new ElfFormatException(path + ": section " + s.name() + " inflates to " + n
            + " bytes, header says " + size);
      }
    } catch (DataFormatException e) {
      throw new ElfFormatException(path + ": section " + s.name() + " is corrupt: " + e);
    } finally {
      inf.end();
    }
    return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * {@return the GNU build id ({@code .note.gnu.build-id}) as lower-case hex; empty when there is
   * none}
   *
   * @throws IOException when the file cannot be read
   */
  public String buildId() throws IOException {
    Optional<ElfSection> note = section(".note.gnu.build-id");
    if (note.isEmpty() || note.get().size() < 16) {
      return "";
    }
    ByteBuffer b = contents(note.get());
    // Elf_Nhdr: namesz, descsz, type (3 = NT_GNU_BUILD_ID), name "GNU\0" padded to 4, desc.
    int namesz = b.getInt(0);
    int descsz = b.getInt(4);
    int at = 12 + ((namesz + 3) & ~3);
    if (b.getInt(8) != 3 || descsz <= 0 || at + descsz > b.limit()) {
      return "";
    }
    byte[] id = new byte[descsz];
    b.get(at, id);
    return HexFormat.of().formatHex(id);
  }

  /**
   * {@return the {@code .gnu_debuglink} of a stripped file: the separate debug file's name and the
   * CRC-32 of its contents; empty when there is none}
   *
   * @throws IOException when the file cannot be read
   */
  public Optional<DebugLink> debugLink() throws IOException {
    Optional<ElfSection> s = section(".gnu_debuglink");
    if (s.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer b = contents(s.get());
    int end = 0;
    while (end < b.limit() && b.get(end) != 0) {
      end++;
    }
    int crcAt = (end + 4) & ~3;
    if (end == 0 || crcAt + 4 > b.limit()) {
      return Optional.empty();
    }
    byte[] name = new byte[end];
    b.get(0, name);
    return Optional.of(new DebugLink(new String(name, StandardCharsets.UTF_8),
        Integer.toUnsignedLong(b.getInt(crcAt))));
  }

  /**
   * A {@code .gnu_debuglink} entry.
   *
   * @param fileName the debug file's name (no directory), e.g. {@code zeek.debug}
   * @param crc32 CRC-32 (as zlib computes it) of the whole debug file
   */
  public record DebugLink(String fileName, long crc32) {}

  /** {@return the identifying header} */
  public ElfHeader header() {
    return header;
  }

  /** {@return section headers in file order (index 0 is the null section)} */
  public List<ElfSection> sections() {
    return sections;
  }

  /** {@return program headers in file order} */
  public List<ElfSegment> segments() {
    return segments;
  }

  /**
   * {@return contents of {@code .comment} (compiler identification, e.g. "GCC: (Debian 8.3.0-6)
   * 8.3.0")}
   */
  public String comment() {
    return comment;
  }

  /** {@return true when the file has a full {@code .symtab} (not stripped)} */
  public boolean hasSymtab() {
    return symbolTables.stream().anyMatch(t -> !t.dynamic);
  }

  /**
   * {@return the link-time virtual address of the file's first byte: {@code p_vaddr - p_offset} of
   * the {@code PT_LOAD} segment with the lowest file offset, rounded down to 4 KiB} A process maps
   * file offset 0 at {@code loadBias + firstLoadAddress()}; the value is 0 for position-independent
   * executables.
   */
  public long firstLoadAddress() {
    ElfSegment first = null;
    for (ElfSegment s : segments) {
      if (s.type() == PT_LOAD && (first == null || s.offset() < first.offset())) {
        first = s;
      }
    }
    return first == null ? 0 : (first.vaddr() - first.offset()) & ~0xfffL;
  }

  /**
   * {@return the defined symbol with exactly this (mangled) name, from {@code .symtab} first, then
   * {@code .dynsym}}
   *
   * @param name the mangled name, e.g. {@code _ZN4zeek6detail10call_stackE}
   */
  public Optional<ElfSymbol> symbol(String name) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (SymbolTable t : orderedTables()) {
      Optional<ElfSymbol> s = t.find(wanted);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /**
   * {@return every symbol of both tables ({@code .symtab} entries first), for tests and
   * diagnostics}
   */
  public List<ElfSymbol> symbols() {
    List<ElfSymbol> all = new ArrayList<>();
    for (SymbolTable t : orderedTables()) {
      t.forEach(all);
    }
    return all;
  }

  private List<SymbolTable> orderedTables() {
    List<SymbolTable> list = new ArrayList<>(symbolTables);
    list.sort((a, b) -> Boolean.compare(a.dynamic, b.dynamic));
    return list;
  }

  static ByteBuffer readAt(FileChannel ch, long offset, long length, Object source)
      throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE || offset + length > ch.size()) {
      throw new ElfFormatException(source + ": table at " + offset + "+" + length
          + " lies outside the file (" + ch.size() + " bytes)");
    }
    ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, offset + b.position()) < 0) {
        throw new ElfFormatException(source + ": unexpected end of file");
      }
    }
    return b.flip();
  }

  private static List<ElfSegment> readSegments(FileChannel ch, ByteBuffer eh, Path path)
      throws IOException {
    long phoff = eh.getLong(32);
    int phentsize = Short.toUnsignedInt(eh.getShort(54));
    int phnum = Short.toUnsignedInt(eh.getShort(56));
    List<ElfSegment> list = new ArrayList<>(phnum);
    if (phnum == 0) {
      return list;
    }
    ByteBuffer ph = readAt(ch, phoff, (long) phentsize * phnum, path);
    for (int i = 0; i < phnum; i++) {
      int o = i * phentsize;
      list.add(new ElfSegment(ph.getInt(o), ph.getInt(o + 4), ph.getLong(o + 8),
          ph.getLong(o + 16), ph.getLong(o + 32), ph.getLong(o + 40)));
    }
    return list;
  }

  private static SymbolTable readSymbols(FileChannel ch, ElfSection s, List<ElfSection> all,
      Path path) throws IOException {
    if (s.link() <= 0 || s.link() >= all.size()) {
      throw new ElfFormatException(path + ": symbol table " + s.name() + " has no string table");
    }
    ElfSection strtab = all.get(s.link());
    ByteBuffer syms = readAt(ch, s.offset(), s.size() - s.size() % SYM_SIZE, path);
    ByteBuffer strs = readAt(ch, strtab.offset(), strtab.size(), path);
    return new SymbolTable(syms, strs, s.type() == SHT_DYNSYM);
  }

  private static String commentText(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    // .comment holds one NUL-terminated string per contributing compiler; keep them all.
    return new String(bytes, StandardCharsets.UTF_8).replace('\0', '\n').strip();
  }

  /** A symbol table section and its string table, searched without decoding every name. */
  private static final class SymbolTable {
    private final ByteBuffer syms;
    private final ByteBuffer strs;
    private final boolean dynamic;

    SymbolTable(ByteBuffer syms, ByteBuffer strs, boolean dynamic) {
      this.syms = syms;
      this.strs = strs;
      this.dynamic = dynamic;
    }

    Optional<ElfSymbol> find(byte[] wanted) {
      for (int o = 0; o + SYM_SIZE <= syms.limit(); o += SYM_SIZE) {
        int nameOff = syms.getInt(o);
        int shndx = Short.toUnsignedInt(syms.getShort(o + 6));
        if (shndx != 0 && nameOff > 0 && nameEquals(nameOff, wanted)) {
          return Optional.of(at(o));
        }
      }
      return Optional.empty();
    }

    void forEach(List<ElfSymbol> out) {
      for (int o = SYM_SIZE; o + SYM_SIZE <= syms.limit(); o += SYM_SIZE) {
        out.add(at(o));
      }
    }

    private ElfSymbol at(int o) {
      int info = Byte.toUnsignedInt(syms.get(o + 4));
      return new ElfSymbol(name(syms.getInt(o)), syms.getLong(o + 8), syms.getLong(o + 16),
          info & 0xf, info >>> 4, Short.toUnsignedInt(syms.getShort(o + 6)), dynamic);
    }

    private boolean nameEquals(int off, byte[] wanted) {
      if (off < 0 || off + wanted.length >= strs.limit()) {
        return false;
      }
      for (int i = 0; i < wanted.length; i++) {
        if (strs.get(off + i) != wanted[i]) {
          return false;
        }
      }
      return strs.get(off + wanted.length) == 0;
    }

    private String name(int off) {
      if (off <= 0 || off >= strs.limit()) {
        return "";
      }
      int end = off;
      while (end < strs.limit() && strs.get(end) != 0) {
        end++;
      }
      byte[] b = new byte[end - off];
      strs.get(off, b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
