// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.util.Locale;

/**
 * A syscall ABI whose numbers {@code syscall-numbers.tsv} lists. x86_64 kernels also take ia32
 * syscalls ({@code int $0x80}, 32-bit programs): their numbers are {@link #I386}'s.
 */
public enum Arch {
  /** 64-bit x86 (amd64), the native ABI. */
  X86_64("x86_64"),
  /** 32-bit x86, as run by an x86_64 kernel with IA-32 emulation. */
  I386("i386"),
  /** 64-bit Arm (aarch64). */
  ARM64("arm64");

  /**
   * The ABI whose conventions this ior's decoders apply to records, recordings and {@code .ior}
   * rows wherever they were made: syscalls travel as ior's own ids (the same on every arch), but
   * open flags are rendered with x86_64's O_* bits (arm64's O_DIRECT, O_LARGEFILE, O_DIRECTORY
   * and O_NOFOLLOW differ) and the compat mark means ia32. Live tracing runs on x86_64 only, so
   * every file written so far holds x86_64 data.
   */
  public static final Arch DECODED = X86_64;

  private final String tsvName;

  Arch(String tsvName) {
    this.tsvName = tsvName;
  }

  /** {@return the name in {@code syscall-numbers.tsv}} */
  public String tsvName() {
    return tsvName;
  }

  /**
   * {@return the arch named {@code name} in a file's header ({@link #tsvName()}), or null}
   *
   * @param name an arch's name as in {@code syscall-numbers.tsv}, e.g. {@code x86_64}
   */
  public static Arch byName(String name) {
    for (Arch a : values()) {
      if (a.tsvName.equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** {@return the 32-bit ABI this arch's kernel also serves, or null} */
  public Arch compat() {
    return this == X86_64 ? I386 : null;
  }

  /** {@return the arch of the running JVM, or null when ior has no numbers for it} */
  public static Arch running() {
    String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (a) {
      case "amd64":
      case "x86_64":
        return X86_64;
      case "aarch64":
      case "arm64":
        return ARM64;
      default:
        return null;
    }
  }
}
