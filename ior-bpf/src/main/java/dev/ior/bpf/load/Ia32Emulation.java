// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
   * machine, where the question does not arise)} Costs one fork and exec: about a millisecond in
   * the kernel, 0.1-0.3 s in a JVM that has not started a process yet (run it beside other work).
   */
  public static Optional<String> absent() {
    String arch = System.getProperty("os.arch");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return Optional.empty();
    }
    Path dir = null;
    try {
      dir = privateDirectory();
      Path exe = Files.write(dir.resolve("exit0"), elf());
      Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
      // The JDK runs a file the kernel refuses (ENOEXEC) with /bin/sh instead, as execvp does,
      // which fails on an ELF file: only the program's own exit(0) proves that it ran.
      Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 ? Optional.empty() : Optional.of("this kernel runs no 32-bit"
          + " programs (IA-32 emulation is off), so no 32-bit (compat) calls can occur and none"
          + " are traced; check: dmesg | grep -i ia-32");
    } catch (IOException e) {
      return Optional.empty(); // no temp dir: say nothing rather than guess
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir.resolve("exit0"));
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  /**
   * A new directory of this user's only, in the temporary directory. Not {@code
   * Files.createTempDirectory}: its random name initialises {@code SecureRandom} (its providers,
   * about 60 classes) at every start of a process that needs no other randomness. A name taken
   * already, by anyone, is skipped: creating a directory never follows or reuses what exists.
   */
  private static Path privateDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    String prefix = "ior-ia32-" + ProcessHandle.current().pid() + "-";
    for (int i = 0; ; i++) {
      try {
        return Files.createDirectory(tmp.resolve(prefix + Long.toHexString(System.nanoTime())),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (i == 100) {
          throw e;
        }
      }
    }
  }

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
