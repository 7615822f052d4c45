// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The identifying part of an ELF header: class (32/64-bit), byte order, object type and machine.
 * Read on its own so a caller can refuse a target of the wrong architecture before parsing more.
 *
 * <pre>{@code
 * ElfHeader h = ElfHeader.read(Path.of("/proc/1234/exe"));
 * if (h.machine() != ElfHeader.EM_X86_64) { ... }
 * }</pre>
 *
 * @param elfClass 32 or 64
 * @param littleEndian true for ELFDATA2LSB
 * @param type e_type: {@link #ET_EXEC}, {@link #ET_DYN}, ...
 * @param machine e_machine: {@link #EM_X86_64}, {@link #EM_AARCH64}, ...
 */
public record ElfHeader(int elfClass, boolean littleEndian, int type, int machine) {
  /** e_type of a position-dependent executable. */
  public static final int ET_EXEC = 2;
  /** e_type of a shared object or position-independent executable. */
  public static final int ET_DYN = 3;
  /** e_machine of 32-bit x86. */
  public static final int EM_386 = 3;
  /** e_machine of ARM (32-bit). */
  public static final int EM_ARM = 40;
  /** e_machine of x86-64. */
  public static final int EM_X86_64 = 62;
  /** e_machine of AArch64. */
  public static final int EM_AARCH64 = 183;
  /** e_machine of RISC-V. */
  public static final int EM_RISCV = 243;

  /**
   * Reads the first 20 bytes of {@code path}.
   *
   * @param path any file
   * @return the identifying header
   * @throws IOException when the file cannot be read or is no ELF file ({@link ElfFormatException})
   */
  public static ElfHeader read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(20);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // keep reading: short reads are legal on any channel
      }
      return parse(b.flip(), path);
    }
  }

  /**
   * Parses the header at the start of {@code b}.
   *
   * @param b at least the first 20 bytes of a file
   * @param source names the file in error messages
   * @return the identifying header
   * @throws ElfFormatException when the bytes do not start with the ELF magic, or are fewer than 20
   */
  public static ElfHeader parse(ByteBuffer b, Object source) throws ElfFormatException {
    if (b.remaining() < 20
        || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
      throw new ElfFormatException(source + " is not an ELF file");
    }
    int cls = b.get(4) == 2 ? 64 : b.get(4) == 1 ? 32 : 0;
    if (cls == 0) {
      throw new ElfFormatException(source + ": unknown ELF class " + b.get(4));
    }
    boolean little = b.get(5) == 1;
    ByteBuffer o = b.duplicate().order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    return new ElfHeader(cls, little, Short.toUnsignedInt(o.getShort(16)),
        Short.toUnsignedInt(o.getShort(18)));
  }

  /**
   * {@return a readable architecture name such as {@code x86_64}, {@code i386}, {@code aarch64}}
   */
  public String architecture() {
    switch (machine) {
      case EM_X86_64: return elfClass == 64 ? "x86_64" : "x32";
      case EM_386: return "i386";
      case EM_AARCH64: return "aarch64";
      case EM_ARM: return "arm";
      case EM_RISCV: return elfClass == 64 ? "riscv64" : "riscv32";
      default: return "e_machine " + machine;
    }
  }

  /** {@return human description, e.g. {@code 64-bit little-endian x86_64}} */
  public String describe() {
    return elfClass + "-bit " + (littleEndian ? "little" : "big") + "-endian " + architecture();
  }
}
