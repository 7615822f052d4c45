// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns C++ variable names as a user writes them ({@code call_stack},
 * {@code zeek::detail::call_stack}) into the names the linker uses, following the Itanium C++ ABI
 * that GCC and Clang use on Linux: a variable at global scope keeps its plain name, a variable in
 * a namespace becomes {@code _ZN} + length-prefixed components + {@code E}.
 *
 * <pre>{@code
 * SymbolNames.mangleVariable("zeek::detail::call_stack"); // "_ZN4zeek6detail10call_stackE"
 * SymbolNames.mangleVariable("call_stack");               // "call_stack"
 * SymbolNames.find(elf, List.of("call_stack", "zeek::detail::call_stack"));
 * }</pre>
 */
public final class SymbolNames {
  private SymbolNames() {}

  /**
   * {@return the linker name of a (possibly namespace-qualified) C++ variable}
   *
   * @param qualified a C++ name, e.g. {@code zeek::detail::call_stack}
   */
  public static String mangleVariable(String qualified) {
    String name = qualified.startsWith("::") ? qualified.substring(2) : qualified;
    if (!name.contains("::")) {
      return name;
    }
    String[] parts = name.split("::", -1);
    for (String part : parts) {
      if (!part.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("not a C++ qualified name: " + qualified);
      }
    }
    // The ABI abbreviates the std namespace as "St"; std::x alone is not a nested name.
    boolean std = parts[0].equals("std");
    if (std && parts.length == 2) {
      return "_ZSt" + parts[1].length() + parts[1];
    }
    StringBuilder sb = new StringBuilder(std ? "_ZNSt" : "_ZN");
    for (int i = std ? 1 : 0; i < parts.length; i++) {
      sb.append(parts[i].length()).append(parts[i]);
    }
    return sb.append('E').toString();
  }

  /**
   * Looks up the first of {@code candidates} (plain or qualified C++ names, or already mangled
   * names starting with {@code _Z}) that {@code elf} defines.
   *
   * @param elf the file to look in
   * @param candidates names in order of preference
   * @return the first symbol found, or empty
   */
  public static Optional<ElfSymbol> find(ElfFile elf, List<String> candidates) {
    for (String c : linkerNames(candidates)) {
      Optional<ElfSymbol> s = elf.symbol(c);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the linker names tried for {@code candidates}, in order}
   *
   * @param candidates names in order of preference
   */
  public static List<String> linkerNames(List<String> candidates) {
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      String linker = c.startsWith("_Z") ? c : mangleVariable(c);
      if (!out.contains(linker)) {
        out.add(linker);
      }
    }
    return out;
  }
}
