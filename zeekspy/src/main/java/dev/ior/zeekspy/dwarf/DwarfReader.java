// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import dev.ior.zeekspy.elf.ElfFile;
import dev.ior.zeekspy.elf.ElfSection;
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
  private final boolean split;
  private final ByteBuffer info;
  private final ByteBuffer abbrev;
  private final ByteBuffer str;
  private final ByteBuffer lineStr;
  private final ByteBuffer strOffsets;
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
   * The DWARF of {@code elf}: {@code .debug_info} and friends, or with {@code split} the {@code
   * .dwo} sections of a split-DWARF object; empty when the file has no {@code .debug_info}.
   *
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

  /** The file this DWARF comes from. */
  public String source() {
    return source;
  }

  /**
   * Parses the units in order and hands each to {@code visitor} until it returns false.
   *
   * @throws DwarfFormatException when the data is malformed or uses an unknown form
   */
  public void scan(Predicate<Unit> visitor) {
    for (long start : unitStarts()) {
      if (!visitor.test(unit(start))) {
        return;
      }
    }
  }

  /** The entry at {@code .debug_info} offset {@code offset}, or null when none is kept there. */
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
      u = new UnitParser(start).parse();
      units.put(start, u);
    }
    return u;
  }

  private DwarfFormatException bad(long at, String what) {
    return new DwarfFormatException(String.format("%s: .debug_info at 0x%x: %s", source, at, what));
  }

  /** One unit's kept entries. */
  public final class Unit {
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

    /** The unit entry (compile, partial or skeleton unit). */
    public Die root() {
      return root;
    }

    /** DWARF version, 2..5. */
    public int version() {
      return version;
    }

    /** For a skeleton unit of split DWARF: the {@code .dwo} file's name, else null. */
    public String dwoName() {
      return dwoName;
    }

    /** DW_AT_comp_dir of the unit, or null. */
    public String compDir() {
      return compDir;
    }
  }

  private record Abbrev(int tag, boolean children, int[] attrs, int[] forms, long[] consts) {}

  /** Parses one unit: header, then its entries with an explicit stack (no recursion). */
  private final class UnitParser {
    private final long start;
    private int pos;
    private boolean dwarf64;
    private int version;
    private int addressSize;
    private long strOffsetsBase;
    private Map<Long, Abbrev> abbrevs;
    private final Map<Long, Die> dies = new HashMap<>();
    private String dwoName;
    private String compDir;
    // the attributes of the entry being read
    private long value;
    private int nameForm;
    private long nameValue;
    private String inlineName;
    private long sibling;

    UnitParser(long start) {
      this.start = start;
    }

    Unit parse() {
      pos = (int) start;
      long length = Integer.toUnsignedLong(info.getInt(pos));
      pos += 4;
      if (length == 0xffff_ffffL) {
        dwarf64 = true;
        length = info.getLong(pos);
        pos += 8;
      }
      long end = pos + length;
      if (end > info.limit()) {
        throw bad(start, "unit extends past the section");
      }
      version = Short.toUnsignedInt(info.getShort(pos));
      pos += 2;
      long abbrevOffset;
      int unitType = 0;
      if (version >= 5) {
        unitType = Byte.toUnsignedInt(info.get(pos++));
        addressSize = Byte.toUnsignedInt(info.get(pos++));
        abbrevOffset = offset();
        if (unitType == Dw.UT_SKELETON || unitType == Dw.UT_SPLIT_COMPILE) {
          pos += 8; // dwo_id
        } else if (unitType == Dw.UT_TYPE || unitType == Dw.UT_SPLIT_TYPE) {
          pos += 8; // type signature
          offset(); // type offset
        }
      } else if (version >= 2) {
        abbrevOffset = offset();
        addressSize = Byte.toUnsignedInt(info.get(pos++));
      } else {
        throw bad(start, "DWARF version " + version + " is not supported (2..5 are)");
      }
      // A split unit's string offsets start after the contribution's header (DWARF 5).
      strOffsetsBase = split && version >= 5 ? 8 : 0;
      abbrevs = abbrevTable(abbrevOffset);
      Die root = entries((int) end);
      return new Unit(root, dies, version, dwoName, compDir);
    }

    private Die entries(int end) {
      Die root = null;
      List<Die> parents = new ArrayList<>();
      List<Boolean> keeps = new ArrayList<>();
      while (pos < end) {
        long dieOffset = pos;
        long code = uleb();
        if (code == 0) {
          if (parents.isEmpty()) {
            continue; // padding after the unit's entries
          }
          parents.remove(parents.size() - 1);
          keeps.remove(keeps.size() - 1);
          continue;
        }
        Abbrev a = abbrevs.get(code);
        if (a == null) {
          throw bad(dieOffset, "unknown abbreviation code " + code);
        }
        Die parent = parents.isEmpty() ? null : parents.get(parents.size() - 1);
        boolean parentKeeps = keeps.isEmpty() || keeps.get(keeps.size() - 1);
        boolean keep = parentKeeps && kept(a.tag, parent == null);
        Die d = keep ? new Die(DwarfReader.this, dieOffset, a.tag, parent) : null;
        attributes(a, d, dieOffset);
        if (d != null) {
          dies.put(dieOffset, d);
          if (parent != null) {
            parent.children.add(d);
          } else if (root == null) {
            root = d;
          }
        }
        if (a.children) {
          if (d == null && sibling > dieOffset && sibling <= end) {
            pos = (int) sibling; // skip a function body wholesale
          } else {
            parents.add(d);
            keeps.add(keep);
          }
        }
      }
      if (root == null) {
        throw bad(start, "unit has no entries");
      }
      return root;
    }

    private boolean kept(int tag, boolean unitEntry) {
      if (unitEntry) {
        return true;
      }
      switch (tag) {
        case Dw.TAG_NAMESPACE:
        case Dw.TAG_CLASS_TYPE:
        case Dw.TAG_STRUCTURE_TYPE:
        case Dw.TAG_UNION_TYPE:
        case Dw.TAG_ENUMERATION_TYPE:
        case Dw.TAG_ENUMERATOR:
        case Dw.TAG_MEMBER:
        case Dw.TAG_INHERITANCE:
        case Dw.TAG_TYPEDEF:
        case Dw.TAG_VARIABLE:
        case Dw.TAG_POINTER_TYPE:
        case Dw.TAG_REFERENCE_TYPE:
        case Dw.TAG_CONST_TYPE:
        case Dw.TAG_VOLATILE_TYPE:
        case Dw.TAG_RESTRICT_TYPE:
        case Dw.TAG_BASE_TYPE:
          return true;
        default:
          return false;
      }
    }

    private void attributes(Abbrev a, Die d, long dieOffset) {
      nameForm = 0;
      inlineName = null;
      sibling = -1;
      for (int i = 0; i < a.attrs.length; i++) {
        int form = a.forms[i];
        if (form == Dw.FORM_INDIRECT) {
          form = (int) uleb();
        }
        int at = a.attrs[i];
        if (form == Dw.FORM_IMPLICIT_CONST) {
          value = a.consts[i];
        } else {
          read(form, dieOffset);
        }
        switch (at) {
          case Dw.AT_SIBLING:
            sibling = value;
            break;
          case Dw.AT_NAME:
            nameForm = form;
            nameValue = value;
            break;
          case Dw.AT_STR_OFFSETS_BASE:
            strOffsetsBase = value;
            break;
          case Dw.AT_DWO_NAME:
          case Dw.AT_GNU_DWO_NAME:
            dwoName = string(form, value);
            break;
          case Dw.AT_COMP_DIR:
            compDir = string(form, value);
            break;
          default:
            if (d != null) {
              set(d, at, form);
            }
        }
      }
      if (d != null && nameForm != 0) {
        d.name = string(nameForm, nameValue);
      }
    }

    private void set(Die d, int at, int form) {
      switch (at) {
        case Dw.AT_BYTE_SIZE:
          d.byteSize = value;
          break;
        case Dw.AT_DATA_MEMBER_LOCATION:
          d.memberLocation = isBlock(form) ? plusUconst() : value;
          break;
        case Dw.AT_TYPE:
          d.type = value;
          break;
        case Dw.AT_SPECIFICATION:
          d.specification = value;
          break;
        case Dw.AT_DECLARATION:
          d.declaration = value != 0;
          break;
        case Dw.AT_CONST_VALUE:
          d.hasConstValue = !isBlock(form);
          d.constValue = value;
          break;
        default:
      }
    }

    /** Reads one attribute value of {@code form} into {@link #value}; strings stay offsets. */
    private void read(int form, long dieOffset) {
      switch (form) {
        case Dw.FORM_ADDR: value = fixed(addressSize); break;
        case Dw.FORM_DATA1: case Dw.FORM_FLAG: case Dw.FORM_STRX1: case Dw.FORM_ADDRX1:
          value = fixed(1); break;
        case Dw.FORM_DATA2: case Dw.FORM_STRX2: case Dw.FORM_ADDRX2: value = fixed(2); break;
        case Dw.FORM_STRX3: case Dw.FORM_ADDRX3: value = fixed(3); break;
        case Dw.FORM_DATA4: case Dw.FORM_STRX4: case Dw.FORM_ADDRX4: case Dw.FORM_REF_SUP4:
          value = fixed(4); break;
        case Dw.FORM_DATA8: case Dw.FORM_REF_SIG8: case Dw.FORM_REF_SUP8: value = fixed(8); break;
        case Dw.FORM_DATA16: pos += 16; value = 0; break;
        case Dw.FORM_SDATA: value = sleb(); break;
        case Dw.FORM_UDATA: case Dw.FORM_STRX: case Dw.FORM_ADDRX: case Dw.FORM_LOCLISTX:
        case Dw.FORM_RNGLISTX: case Dw.FORM_GNU_ADDR_INDEX: case Dw.FORM_GNU_STR_INDEX:
          value = uleb(); break;
        case Dw.FORM_STRP: case Dw.FORM_LINE_STRP: case Dw.FORM_SEC_OFFSET:
        case Dw.FORM_STRP_SUP: case Dw.FORM_GNU_REF_ALT: case Dw.FORM_GNU_STRP_ALT:
          value = offset(); break;
        case Dw.FORM_REF_ADDR: value = version <= 2 ? fixed(addressSize) : offset(); break;
        case Dw.FORM_REF1: value = start + fixed(1); break;
        case Dw.FORM_REF2: value = start + fixed(2); break;
        case Dw.FORM_REF4: value = start + fixed(4); break;
        case Dw.FORM_REF8: value = start + fixed(8); break;
        case Dw.FORM_REF_UDATA: value = start + uleb(); break;
        case Dw.FORM_FLAG_PRESENT: value = 1; break;
        case Dw.FORM_STRING:
          value = pos;
          while (info.get(pos) != 0) {
            pos++;
          }
          pos++;
          break;
        case Dw.FORM_BLOCK1: block(fixed(1)); break;
        case Dw.FORM_BLOCK2: block(fixed(2)); break;
        case Dw.FORM_BLOCK4: block(fixed(4)); break;
        case Dw.FORM_BLOCK: case Dw.FORM_EXPRLOC: block(uleb()); break;
        default:
          throw bad(dieOffset, "unknown attribute form 0x" + Integer.toHexString(form));
      }
    }

    private boolean isBlock(int form) {
      return form == Dw.FORM_BLOCK1 || form == Dw.FORM_BLOCK2 || form == Dw.FORM_BLOCK4
          || form == Dw.FORM_BLOCK || form == Dw.FORM_EXPRLOC;
    }

    /** A block's start in {@link #value}; its bytes are skipped. */
    private void block(long length) {
      value = pos;
      pos += (int) length;
    }

    /** DWARF 2 member locations: {@code DW_OP_plus_uconst N}; anything else is unknown (-1). */
    private long plusUconst() {
      int save = pos;
      pos = (int) value;
      long v = Byte.toUnsignedInt(info.get(pos++)) == Dw.OP_PLUS_UCONST ? uleb() : -1;
      pos = save;
      return v;
    }

    private String string(int form, long v) {
      switch (form) {
        case Dw.FORM_STRING: return cString(info, v);
        case Dw.FORM_STRP: return cString(str, v);
        case Dw.FORM_LINE_STRP: return cString(lineStr, v);
        case Dw.FORM_STRX: case Dw.FORM_STRX1: case Dw.FORM_STRX2: case Dw.FORM_STRX3:
        case Dw.FORM_STRX4: case Dw.FORM_GNU_STR_INDEX:
          int size = dwarf64 ? 8 : 4;
          long at = strOffsetsBase + v * size;
          if (at + size > strOffsets.limit()) {
            return null;
          }
          return cString(str, dwarf64 ? strOffsets.getLong((int) at)
              : Integer.toUnsignedLong(strOffsets.getInt((int) at)));
        default:
          return null; // strings in a supplementary (dwz) file
      }
    }

    private long offset() {
      return dwarf64 ? fixed(8) : fixed(4);
    }

    private long fixed(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v |= (long) Byte.toUnsignedInt(info.get(pos++)) << (8 * i);
      }
      return v;
    }

    private long uleb() {
      long v = 0;
      int shift = 0;
      int b;
      do {
        b = Byte.toUnsignedInt(info.get(pos++));
        if (shift < 64) {
          v |= (long) (b & 0x7f) << shift;
        }
        shift += 7;
      } while ((b & 0x80) != 0);
      return v;
    }

    private long sleb() {
      long v = 0;
      int shift = 0;
      int b;
      do {
        b = Byte.toUnsignedInt(info.get(pos++));
        v |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      if (shift < 64 && (b & 0x40) != 0) {
        v |= -1L << shift;
      }
      return v;
    }
  }

  /** Reads a ULEB128 at {@code at} and hands the position after it to {@code end}. */
  private static long uleb(ByteBuffer b, java.util.function.IntConsumer end, int at) {
    long v = 0;
    int shift = 0;
    int x;
    do {
      x = Byte.toUnsignedInt(b.get(at++));
      if (shift < 64) {
        v |= (long) (x & 0x7f) << shift;
      }
      shift += 7;
    } while ((x & 0x80) != 0);
    end.accept(at);
    return v;
  }

  private Map<Long, Abbrev> abbrevTable(long offset) {
    Map<Long, Abbrev> table = abbrevTables.get(offset);
    if (table != null) {
      return table;
    }
    table = new HashMap<>();
    int[] p = {(int) offset};
    while (p[0] < abbrev.limit()) {
      long code = uleb(abbrev, x -> p[0] = x, p[0]);
      if (code == 0) {
        break;
      }
      int tag = (int) uleb(abbrev, x -> p[0] = x, p[0]);
      boolean children = abbrev.get(p[0]++) != 0;
      List<long[]> specs = new ArrayList<>();
      while (true) {
        long at = uleb(abbrev, x -> p[0] = x, p[0]);
        long form = uleb(abbrev, x -> p[0] = x, p[0]);
        if (at == 0 && form == 0) {
          break;
        }
        long c = 0;
        if (form == Dw.FORM_IMPLICIT_CONST) {
          c = sleb(abbrev, p);
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

  private static long sleb(ByteBuffer b, int[] p) {
    long v = 0;
    int shift = 0;
    int x;
    do {
      x = Byte.toUnsignedInt(b.get(p[0]++));
      v |= (long) (x & 0x7f) << shift;
      shift += 7;
    } while ((x & 0x80) != 0);
    if (shift < 64 && (x & 0x40) != 0) {
      v |= -1L << shift;
    }
    return v;
  }

  private static String cString(ByteBuffer b, long at) {
    if (at < 0 || at >= b.limit()) {
      return null;
    }
    int end = (int) at;
    while (end < b.limit() && b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - (int) at];
    b.get((int) at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
