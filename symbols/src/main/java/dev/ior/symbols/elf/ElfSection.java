// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

/**
 * One ELF section header, with its name resolved.
 *
 * @param index position in the section header table
 * @param name section name such as {@code .dynsym}
 * @param type sh_type (2 = SYMTAB, 3 = STRTAB, 8 = NOBITS, 11 = DYNSYM, ...)
 * @param flags sh_flags ({@link #SHF_COMPRESSED}, ...)
 * @param address sh_addr, the link-time address when the section is loaded
 * @param offset sh_offset, position in the file
 * @param size sh_size in bytes
 * @param link sh_link (for symbol tables: index of the string table)
 */
public record ElfSection(
    int index, String name, int type, long flags, long address, long offset, long size,
    int link) {
  /** sh_type of a section that occupies no file space (.bss; debug sections of a stripped file). */
  public static final int SHT_NOBITS = 8;
  /** sh_flags bit: the contents start with an Elf64_Chdr and are compressed. */
  public static final long SHF_COMPRESSED = 0x800;

  /** {@return true when the file holds this section's bytes} */
  public boolean hasContents() {
    return type != SHT_NOBITS && size > 0;
  }
}
