// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one unit of {@code .debug_info}: the header (DWARF 2-5, 32- or 64-bit), then its entries
 * with an explicit stack (no recursion), keeping those {@link Die} describes and skipping the rest
 * (function bodies wholesale when they carry a sibling reference).
 */
final class UnitParser {
  private final DwarfReader r;
  private final ByteBuffer info;
  private final long start;
  private final Cursor in;
  private boolean dwarf64;
  private int version;
  private int addressSize;
  private long strOffsetsBase;
  private Map<Long, DwarfReader.Abbrev> abbrevs;
  private final Map<Long, Die> dies = new HashMap<>();
  private String dwoName;
  private String compDir;
  // the attributes of the entry being read
  private long value;
  private int nameForm;
  private long nameValue;
  private long sibling;

  UnitParser(DwarfReader r, long start) {
    this.r = r;
    this.info = r.info;
    this.start = start;
    this.in = new Cursor(info, 0);
  }

  DwarfReader.Unit parse() {
    in.pos = (int) start;
    long length = in.fixed(4);
    if (length == 0xffff_ffffL) {
      dwarf64 = true;
      length = in.fixed(8);
    }
    long end = in.pos + length;
    if (end > info.limit()) {
      throw r.bad(start, "unit extends past the section");
    }
    version = (int) in.fixed(2);
    long abbrevOffset;
    int unitType = 0;
    if (version >= 5) {
      unitType = in.u8();
      addressSize = in.u8();
      abbrevOffset = offset();
      if (unitType == Dw.UT_SKELETON || unitType == Dw.UT_SPLIT_COMPILE) {
        in.pos += 8; // dwo_id
      } else if (unitType == Dw.UT_TYPE || unitType == Dw.UT_SPLIT_TYPE) {
        in.pos += 8; // type signature
        offset(); // type offset
      }
    } else if (version >= 2) {
      abbrevOffset = offset();
      addressSize = in.u8();
    } else {
      throw r.bad(start, "DWARF version " + version + " is not supported (2..5 are)");
    }
    // A split unit's string offsets start after the contribution's header (DWARF 5).
    strOffsetsBase = r.split && version >= 5 ? 8 : 0;
    abbrevs = r.abbrevTable(abbrevOffset);
    Die root = entries((int) end);
    return new DwarfReader.Unit(root, dies, version, dwoName, compDir);
  }

  private Die entries(int end) {
    Die root = null;
    List<Die> parents = new ArrayList<>();
    List<Boolean> keeps = new ArrayList<>();
    while (in.pos < end) {
      long dieOffset = in.pos;
      long code = uleb();
      if (code == 0) {
        if (parents.isEmpty()) {
          continue; // padding after the unit's entries
        }
        parents.remove(parents.size() - 1);
        keeps.remove(keeps.size() - 1);
        continue;
      }
      DwarfReader.Abbrev a = abbrevs.get(code);
      if (a == null) {
        throw r.bad(dieOffset, "unknown abbreviation code " + code);
      }
      Die parent = parents.isEmpty() ? null : parents.get(parents.size() - 1);
      boolean parentKeeps = keeps.isEmpty() || keeps.get(keeps.size() - 1);
      boolean keep = parentKeeps && kept(a.tag(), parent == null);
      Die d = keep ? new Die(r, dieOffset, a.tag(), parent) : null;
      attributes(a, d, dieOffset);
      if (d != null) {
        dies.put(dieOffset, d);
        if (parent != null) {
          parent.children.add(d);
        } else if (root == null) {
          root = d;
        }
      }
      if (a.children()) {
        if (d == null && sibling > dieOffset && sibling <= end) {
          in.pos = (int) sibling; // skip a function body wholesale
        } else {
          parents.add(d);
          keeps.add(keep);
        }
      }
    }
    if (root == null) {
      throw r.bad(start, "unit has no entries");
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

  private void attributes(DwarfReader.Abbrev a, Die d, long dieOffset) {
    nameForm = 0;
    sibling = -1;
    for (int i = 0; i < a.attrs().length; i++) {
      int form = a.forms()[i];
      if (form == Dw.FORM_INDIRECT) {
        form = (int) uleb();
      }
      int at = a.attrs()[i];
      if (form == Dw.FORM_IMPLICIT_CONST) {
        value = a.consts()[i];
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
      case Dw.FORM_DATA16: in.pos += 16; value = 0; break;
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
        value = in.pos;
        while (info.get(in.pos) != 0) {
          in.pos++;
        }
        in.pos++;
        break;
      case Dw.FORM_BLOCK1: block(fixed(1)); break;
      case Dw.FORM_BLOCK2: block(fixed(2)); break;
      case Dw.FORM_BLOCK4: block(fixed(4)); break;
      case Dw.FORM_BLOCK: case Dw.FORM_EXPRLOC: block(uleb()); break;
      default:
        throw r.bad(dieOffset, "unknown attribute form 0x" + Integer.toHexString(form));
    }
  }

  private boolean isBlock(int form) {
    return form == Dw.FORM_BLOCK1 || form == Dw.FORM_BLOCK2 || form == Dw.FORM_BLOCK4
        || form == Dw.FORM_BLOCK || form == Dw.FORM_EXPRLOC;
  }

  /** A block's start in {@link #value}; its bytes are skipped. */
  private void block(long length) {
    value = in.pos;
    in.pos += (int) length;
  }

  /** DWARF 2 member locations: {@code DW_OP_plus_uconst N}; anything else is unknown (-1). */
  private long plusUconst() {
    int save = in.pos;
    in.pos = (int) value;
    long v = in.u8() == Dw.OP_PLUS_UCONST ? uleb() : -1;
    in.pos = save;
    return v;
  }

  private String string(int form, long v) {
    switch (form) {
      case Dw.FORM_STRING: return Cursor.cString(info, v);
      case Dw.FORM_STRP: return Cursor.cString(r.str, v);
      case Dw.FORM_LINE_STRP: return Cursor.cString(r.lineStr, v);
      case Dw.FORM_STRX: case Dw.FORM_STRX1: case Dw.FORM_STRX2: case Dw.FORM_STRX3:
      case Dw.FORM_STRX4: case Dw.FORM_GNU_STR_INDEX:
        int size = dwarf64 ? 8 : 4;
        long at = strOffsetsBase + v * size;
        if (at + size > r.strOffsets.limit()) {
          return null;
        }
        return Cursor.cString(r.str, dwarf64 ? r.strOffsets.getLong((int) at)
            : Integer.toUnsignedLong(r.strOffsets.getInt((int) at)));
      default:
        return null; // strings in a supplementary (dwz) file
    }
  }

  private long offset() {
    return dwarf64 ? fixed(8) : fixed(4);
  }

  private long fixed(int n) {
    return in.fixed(n);
  }

  private long uleb() {
    return in.uleb();
  }

  private long sleb() {
    return in.sleb();
  }
}
