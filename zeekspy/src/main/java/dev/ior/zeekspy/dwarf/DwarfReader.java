// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import dev.ior.symbols.elf.ElfFile;
import dev.ior.symbols.elf.ElfSection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the type-describing part of DWARF 2-5 {@code .debug_info}: units (compile, partial,
 * skeleton and split units; 32- and 64-bit formats), their abbreviations, and the entries of
 * namespaces, classes, structures, unions, enumerations, typedefs and variables with their names,
 * sizes, member offsets, type references and constant values. Strings come from {@code
 * .debug_str}, {@code .debug_line_str} and {@code .debug_str_offsets} (or their {@code .dwo}
 * counterparts in a split-DWARF object). Function bodies are skipped. Type units ({@code
 * -fdebug-types-section}) and dwz alternate files are not followed.
 *
 * <pre>{@code
 * DwarfReader r = DwarfReader.open(ElfFile.read(Path.of("zeek.debug")), false).orElseThrow();
 * r.scan(unit -> { ... unit.root() ...; return true; });   // false stops the scan
 * }</pre>
 */
public final class DwarfReader {
  private static final int MAX_CACHED_UNITS = 16;

  private final String source;
  final boolean split;
  final ByteBuffer info;
  private final ByteBuffer abbrev;
  final ByteBuffer str;
  final ByteBuffer lineStr;
  final ByteBuffer strOffsets;
  private final Map<Long, Map<Long, Abbrev>> abbrevTables = new HashMap<>();
  private final Map<Long, Unit> units = new HashMap<>();
  private long[] unitStarts;

  private DwarfReader(String source, boolean split, ByteBuffer info, ByteBuffer abbrev,
      ByteBuffer str, ByteBuffer lineStr, ByteBuffer strOffsets) {
    this.source = source;
    this.split = split;
    this.info = info;
    this.abbrev = abbrev;
    this.str = str;
    this.lineStr = lineStr;
    this.strOffsets = strOffsets;
  }

  /**
   * {@return the DWARF of {@code elf}: {@code .debug_info} and friends, or with {@code split} the
   * {@code .dwo} sections of a split-DWARF object; empty when the file has no {@code .debug_info}}
   *
   * @param elf the file to read
   * @param split whether to read the {@code .dwo} sections of a split-DWARF object
   * @throws IOException when a section cannot be read or decompressed
   */
  public static Optional<DwarfReader> open(ElfFile elf, boolean split) throws IOException {
    String suffix = split ? ".dwo" : "";
    Optional<ElfSection> info = elf.section(".debug_info" + suffix);
    Optional<ElfSection> abbrev = elf.section(".debug_abbrev" + suffix);
    if (info.isEmpty() || abbrev.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DwarfReader(elf.path().toString(), split, elf.contents(info.get()),
        elf.contents(abbrev.get()), contents(elf, ".debug_str" + suffix),
        contents(elf, ".debug_line_str"), contents(elf, ".debug_str_offsets" + suffix)));
  }

  private static ByteBuffer contents(ElfFile elf, String name) throws IOException {
    Optional<ElfSection> s = elf.section(name);
    return s.isPresent() ? elf.contents(s.get())
        : ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@return the file this DWARF comes from} */
  public String source() {
    return source;
  }

  /**
   * Parses the units in order and hands each to {@code visitor} until it returns false.
   *
   * @param visitor receives each unit; false stops the scan
   * @throws DwarfFormatException when the data is malformed or uses an unknown form
   */
  public void scan(Predicate<Unit> visitor) {
    for (long start : unitStarts()) {
      if (!visitor.test(unit(start))) {
        return;
      }
    }
  }

  /**
   * {@return the entry at {@code .debug_info} offset {@code offset}, or null when none is kept
   * there}
   *
   * @param offset an offset in {@code .debug_info}, bytes
   */
  public Die die(long offset) {
    long[] starts = unitStarts();
    int lo = 0;
    int hi = starts.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : unit(starts[found]).dies.get(offset);
  }

  private long[] unitStarts() {
    if (unitStarts == null) {
      List<Long> list = new ArrayList<>();
      long at = 0;
      while (at + 4 <= info.limit()) {
        list.add(at);
        long len = Integer.toUnsignedLong(info.getInt((int) at));
        long header = 4;
        if (len == 0xffff_ffffL) {
          len = info.getLong((int) at + 4);
          header = 12;
        } else if (len >= 0xffff_fff0L) {
          throw bad(at, "reserved unit length 0x" + Long.toHexString(len));
        }
        at += header + len;
      }
      unitStarts = list.stream().mapToLong(Long::longValue).toArray();
    }
    return unitStarts;
  }

  private Unit unit(long start) {
    Unit u = units.get(start);
    if (u == null) {
      if (units.size() >= MAX_CACHED_UNITS) {
        units.clear();
      }
      try {
        u = new UnitParser(this, start).parse();
      } catch (IndexOutOfBoundsException e) {
        throw bad(start, "unit or abbreviations run past the end of their section (corrupt)");
      }
      units.put(start, u);
    }
    return u;
  }

  DwarfFormatException bad(long at, String what) {
    return new DwarfFormatException(String.format("%s: .debug_info at 0x%x: %s", source, at, what));
  }

  /** One unit's kept entries. */
  public static final class Unit {
    final Die root;
    final Map<Long, Die> dies;
    final int version;
    final String dwoName;
    final String compDir;

    Unit(Die root, Map<Long, Die> dies, int version, String dwoName, String compDir) {
      this.root = root;
      this.dies = dies;
      this.version = version;
      this.dwoName = dwoName;
      this.compDir = compDir;
    }

    /** {@return the unit entry (compile, partial or skeleton unit)} */
    public Die root() {
      return root;
    }

    /** {@return DWARF version, 2..5} */
    public int version() {
      return version;
    }

    /** {@return for a skeleton unit of split DWARF: the {@code .dwo} file's name, else null} */
    public String dwoName() {
      return dwoName;
    }

    /** {@return DW_AT_comp_dir of the unit, or null} */
    public String compDir() {
      return compDir;
    }
  }

  /** One abbreviation: the tag, whether children follow, and the attributes' names and forms. */
  record Abbrev(int tag, boolean children, int[] attrs, int[] forms, long[] consts) {}

  Map<Long, Abbrev> abbrevTable(long offset) {
    Map<Long, Abbrev> table = abbrevTables.get(offset);
    if (table != null) {
      return table;
    }
    table = new HashMap<>();
    Cursor p = new Cursor(abbrev, (int) offset);
    while (p.pos < abbrev.limit()) {
      long code = p.uleb();
      if (code == 0) {
        break;
      }
      int tag = (int) p.uleb();
      boolean children = p.u8() != 0;
      List<long[]> specs = new ArrayList<>();
      while (true) {
        long at = p.uleb();
        long form = p.uleb();
        if (at == 0 && form == 0) {
          break;
        }
        long c = 0;
        if (form == Dw.FORM_IMPLICIT_CONST) {
          c = p.sleb();
        }
        specs.add(new long[] {at, form, c});
      }
      int[] attrs = new int[specs.size()];
      int[] forms = new int[specs.size()];
      long[] consts = new long[specs.size()];
      for (int i = 0; i < attrs.length; i++) {
        attrs[i] = (int) specs.get(i)[0];
        forms[i] = (int) specs.get(i)[1];
        consts[i] = specs.get(i)[2];
      }
      table.put(code, new Abbrev(tag, children, attrs, forms, consts));
    }
    abbrevTables.put(offset, table);
    return table;
  }
}
