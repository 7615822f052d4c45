// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

/**
 * Turns a linker name ({@code _ZN3foo3barEv}) into a source name ({@code foo::bar()}). Called
 * once per distinct symbol (module symbol tables cache the result), never per stack or call.
 * Implementations return the input unchanged when they cannot demangle it.
 */
@FunctionalInterface
public interface Demangler {
  /** Leaves every name as it is. */
  Demangler NONE = name -> name;

  /**
   * {@return the demangled form of {@code name}, or {@code name}}
   *
   * @param name a linker (mangled) name, e.g. {@code _ZN3foo3barEv}
   */
  String demangle(String name);
}
