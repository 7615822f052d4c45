// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

/**
 * One ELF program header (segment).
 *
 * @param type p_type (1 = PT_LOAD)
 * @param flags p_flags (1 = X, 2 = W, 4 = R)
 * @param offset p_offset, position in the file
 * @param vaddr p_vaddr, link-time virtual address
 * @param fileSize p_filesz in bytes
 * @param memSize p_memsz in bytes
 */
public record ElfSegment(
    int type, int flags, long offset, long vaddr, long fileSize, long memSize) {}
