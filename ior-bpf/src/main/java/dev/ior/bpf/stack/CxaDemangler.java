// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.stack;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ior.symbols.resolve.Demangler;

/**
 * C++ names demangled by the C++ runtime itself ({@code abi::__cxa_demangle} of libstdc++, which
 * every JVM process on Linux has loaded): no Java demangler is maintained on Maven Central, and a
 * {@code c++filt} process per name is too slow even off the hot path. Called once per distinct
 * symbol. Falls back to the mangled name when libstdc++ is missing or the name is not C++.
 */
public final class CxaDemangler implements Demangler {
  interface LibStdCxx extends Library {
    Pointer __cxa_demangle(String mangled, Pointer out, Pointer length, IntByReference status);
  }

  interface LibC extends Library {
    void free(Pointer p);
  }

  private final LibStdCxx cxx;
  private final LibC libc;

  private CxaDemangler(LibStdCxx cxx, LibC libc) {
    this.cxx = cxx;
    this.libc = libc;
  }

  /**
   * {@return the runtime's demangler, or {@link Demangler#NONE} when libstdc++ cannot be loaded}
   */
  public static Demangler load() {
    try {
      return new CxaDemangler(Native.load("stdc++", LibStdCxx.class), Native.load("c", LibC.class));
    } catch (UnsatisfiedLinkError e) {
      return Demangler.NONE;
    }
  }

  @Override
  public String demangle(String name) {
    if (!name.startsWith("_Z")) {
      return name;
    }
    IntByReference status = new IntByReference();
    Pointer p = cxx.__cxa_demangle(name, null, null, status);
    if (p == null || status.getValue() != 0) {
      return name;
    }
    try {
      return p.getString(0);
    } finally {
      libc.free(p);
    }
  }
}
