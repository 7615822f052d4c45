// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the section header table of a 64-bit ELF file, including the extended-numbering case. */
final class SectionTable {
  private static final int SHN_XINDEX = 0xffff;

  private SectionTable() {}

  static List<ElfSection> read(FileChannel ch, ByteBuffer eh, Object source) throws IOException {
    long shoff = eh.getLong(40);
    int shentsize = Short.toUnsignedInt(eh.getShort(58));
    long shnum = Short.toUnsignedInt(eh.getShort(60));
    int shstrndx = Short.toUnsignedInt(eh.getShort(62));
    if (shoff == 0) {
      return List.of(); // no section headers at all (possible, e.g. after sstrip)
    }
    if (shentsize < 64) {
      throw new ElfFormatException(source + ": section header size " + shentsize + " < 64");
    }
    ByteBuffer first = ElfFile.readAt(ch, shoff, 64, source);
    // More than 0xff00 sections: the real count and string-table index live in section 0.
    if (shnum == 0) {
      shnum = first.getLong(32);
    }
    if (shstrndx == SHN_XINDEX) {
      shstrndx = first.getInt(40);
    }
    if (shnum > 1_000_000) {
      throw new ElfFormatException(source + ": implausible section count " + shnum);
    }
    ByteBuffer sh = ElfFile.readAt(ch, shoff, shentsize * shnum, source);
    ByteBuffer names = null;
    if (shstrndx > 0 && shstrndx < shnum) {
      int o = shstrndx * shentsize;
      names = ElfFile.readAt(ch, sh.getLong(o + 24), sh.getLong(o + 32), source);
    }
    List<ElfSection> list = new ArrayList<>((int) shnum);
    for (int i = 0; i < shnum; i++) {
      int o = i * shentsize;
      list.add(new ElfSection(i, name(names, sh.getInt(o)), sh.getInt(o + 4), sh.getLong(o + 8),
          sh.getLong(o + 16), sh.getLong(o + 24), sh.getLong(o + 32), sh.getInt(o + 40)));
    }
    return list;
  }

  private static String name(ByteBuffer names, int off) {
    if (names == null || off < 0 || off >= names.limit()) {
      return "";
    }
    int end = off;
    while (end < names.limit() && names.get(end) != 0) {
      end++;
    }
    byte[] b = new byte[end - off];
    names.get(off, b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
