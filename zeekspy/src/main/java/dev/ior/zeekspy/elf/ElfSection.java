// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.elf;

/**
 * One ELF section header, with its name resolved.
 *
 * @param index position in the section header table
 * @param name section name such as {@code .dynsym}
 * @param type sh_type (2 = SYMTAB, 3 = STRTAB, 11 = DYNSYM, ...)
 * @param address sh_addr, the link-time address when the section is loaded
 * @param offset sh_offset, position in the file
 * @param size sh_size in bytes
 * @param link sh_link (for symbol tables: index of the string table)
 */
public record ElfSection(
    int index, String name, int type, long address, long offset, long size, int link) {}
