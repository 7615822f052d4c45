// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

/**
 * One entry of an ELF symbol table ({@code .symtab} or {@code .dynsym}).
 *
 * <pre>{@code
 * ElfSymbol s = elf.symbol("call_stack").orElseThrow();
 * long runtimeAddress = loadBias + s.value();
 * }</pre>
 *
 * @param name the (possibly mangled) symbol name
 * @param value st_value: the link-time virtual address for executables and shared objects
 * @param size st_size in bytes (0 when unknown)
 * @param type STT_* (1 = object, 2 = function)
 * @param bind STB_* (0 = local, 1 = global, 2 = weak)
 * @param sectionIndex st_shndx (0 = undefined)
 * @param dynamic true when the entry comes from {@code .dynsym}
 */
public record ElfSymbol(
    String name, long value, long size, int type, int bind, int sectionIndex, boolean dynamic) {
  /** STT_OBJECT: a data object such as a variable or array. */
  public static final int STT_OBJECT = 1;
  /** STT_FUNC: a function. */
  public static final int STT_FUNC = 2;

  /** {@return true when the symbol is defined in this file (not an import)} */
  public boolean defined() {
    return sectionIndex != 0;
  }
}
