// SPDX-License-Identifier: Apache-2.0
/**
 * A small reader of 64-bit ELF files: header, program headers, sections, {@code .symtab} and
 * {@code .dynsym}, and C++ (Itanium ABI) names of variables.
 */
package dev.ior.symbols.elf;
