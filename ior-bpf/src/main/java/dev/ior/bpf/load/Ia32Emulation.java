// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import com.sun.jna.Native;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import dev.ior.bpf.internal.lib.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Whether this kernel runs 32-bit x86 programs (IA-32 emulation), found by running one: a
 * 93-byte i386 ELF that only calls {@code exit(0)} through {@code int $0x80}. A kernel built
 * without {@code CONFIG_IA32_EMULATION}, or booted with {@code ia32_emulation=0}, refuses it with
 * ENOEXEC. Without IA-32 emulation no compat call can happen, so a trace that shows none is
 * complete; ior says so once instead of leaving the user to wonder.
 */
public final class Ia32Emulation {
  private Ia32Emulation() {}

  private static final int BASE = 0x0804_8000;
  private static final int EHDR = 52;
  private static final int PHDR = 32;
  /** mov eax, 1 (exit); xor ebx, ebx; int 0x80. */
  private static final byte[] CODE = {(byte) 0xb8, 1, 0, 0, 0, 0x31, (byte) 0xdb, (byte) 0xcd,
      (byte) 0x80};

  /**
   * {@return why nothing 32-bit can run here, or empty when it can (or when this is not an x86_64
   * machine, where the question does not arise, or the probe itself could not run)} The program
   * runs from a memfd through posix_spawn: no temporary file, none of the JDK's process
   * machinery (ProcessBuilder cost 0.1-0.3 s of a JVM's start), about a millisecond in all.
   */
  public static Optional<String> absent() {
    String arch = System.getProperty("os.arch");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return Optional.empty();
    }
    byte[] elf = elf();
    int fd = LibC.memfd_create("ior-ia32-probe", LibC.MFD_CLOEXEC);
    if (fd < 0) {
      return Optional.empty();
    }
    try {
      if (LibC.write(fd, elf, elf.length) != elf.length) {
        return Optional.empty();
      }
      // The child resolves /proc/self/fd/N before exec closes N (close-on-exec).
      String path = "/proc/self/fd/" + fd;
      IntByReference pid = new IntByReference();
      int err = LibC.posix_spawn(pid, path, null, null, new StringArray(new String[] {path}),
          new StringArray(new String[0]));
      if (err == LibC.ENOEXEC) {
        return Optional.of(WHY);
      }
      if (err != 0) {
        return Optional.empty();
      }
      IntByReference status = new IntByReference();
      while (LibC.waitpid(pid.getValue(), status, 0) < 0) {
        if (Native.getLastError() != LibC.EINTR) {
          return Optional.empty();
        }
      }
      // Exited with 0: its int $0x80 ran. Killed (SIGSEGV from int $0x80): no IA-32 calls.
      int st = status.getValue();
      return st == 0 ? Optional.empty() : Optional.of(WHY);
    } finally {
      LibC.close(fd);
    }
  }

  private static final String WHY = "this kernel runs no 32-bit programs (IA-32 emulation is"
      + " off), so no 32-bit (compat) calls can occur and none are traced; check: dmesg | grep -i"
      + " ia-32";

  /** One ELF32 header, one PT_LOAD program header mapping the whole file R+X, then the code. */
  static byte[] elf() {
    int size = EHDR + PHDR + CODE.length;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LE */, 1 /* version */, 0});
    b.put(new byte[8]);
    b.putShort((short) 2).putShort((short) 3).putInt(1); // ET_EXEC, EM_386, EV_CURRENT
    b.putInt(BASE + EHDR + PHDR).putInt(EHDR).putInt(0).putInt(0); // entry, phoff, shoff, flags
    b.putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1); // ehsize, phentsize, phnum
    b.putShort((short) 40).putShort((short) 0).putShort((short) 0); // shentsize, shnum, shstrndx
    b.putInt(1).putInt(0).putInt(BASE).putInt(BASE); // PT_LOAD, offset, vaddr, paddr
    b.putInt(size).putInt(size).putInt(5).putInt(0x1000); // filesz, memsz, R+X, align
    b.put(CODE);
    return b.array();
  }
}
