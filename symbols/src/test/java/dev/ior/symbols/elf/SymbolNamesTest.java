// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Itanium C++ ABI names of variables. */
class SymbolNamesTest {
  @Test
  void globalScopeVariablesAreNotMangled() {
    assertEquals("call_stack", SymbolNames.mangleVariable("call_stack"));
    assertEquals("call_stack", SymbolNames.mangleVariable("::call_stack"));
  }

  @Test
  void namespacedVariablesAreNestedNames() {
    assertEquals("_ZN4zeek6detail10call_stackE",
        SymbolNames.mangleVariable("zeek::detail::call_stack"));
    assertEquals("_ZN4zeek6detail13g_frame_stackE",
        SymbolNames.mangleVariable("zeek::detail::g_frame_stack"));
    assertEquals("_ZN4zeek7versionE", SymbolNames.mangleVariable("zeek::version"));
  }

  @Test
  void stdIsAbbreviated() {
    assertEquals("_ZSt4cout", SymbolNames.mangleVariable("std::cout"));
    assertEquals("_ZNSt6chrono1xE", SymbolNames.mangleVariable("std::chrono::x"));
  }

  @Test
  void mangledNamesPassThroughAndDuplicatesCollapse() {
    assertEquals(List.of("call_stack", "_ZN4zeek6detail10call_stackE"),
        SymbolNames.linkerNames(List.of("call_stack", "zeek::detail::call_stack",
            "_ZN4zeek6detail10call_stackE")));
  }

  @Test
  void rejectsNonIdentifiers() {
    assertThrows(IllegalArgumentException.class, () -> SymbolNames.mangleVariable("a::::b"));
    assertThrows(IllegalArgumentException.class, () -> SymbolNames.mangleVariable("a::b c"));
  }
}
