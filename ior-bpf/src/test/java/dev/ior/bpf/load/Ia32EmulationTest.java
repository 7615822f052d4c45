// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.testing.MachineFeatures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** ior's own IA-32 probe: a well-formed i386 program, and the same answer as running int $0x80. */
class Ia32EmulationTest {
  @Test
  void theProbeIsAnI386ExecutableWhoseEntryIsItsCode() {
    byte[] elf = Ia32Emulation.elf();
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1}, java.util.Arrays.copyOf(elf, 7));
    assertEquals(2, b.getShort(16), "ET_EXEC");
    assertEquals(3, b.getShort(18), "EM_386");
    int entry = b.getInt(24);
    int phoff = b.getInt(28);
    assertEquals(1, b.getInt(phoff), "PT_LOAD");
    int vaddr = b.getInt(phoff + 8);
    assertEquals(elf.length, b.getInt(phoff + 16), "the whole file is loaded");
    int code = entry - vaddr;
    // mov eax, 1 (exit); xor ebx, ebx; int 0x80
    assertArrayEquals(new byte[] {(byte) 0xb8, 1, 0, 0, 0, 0x31, (byte) 0xdb, (byte) 0xcd,
        (byte) 0x80}, java.util.Arrays.copyOfRange(elf, code, elf.length));
  }

  @Test
  void agreesWithAnInt80CallInAChild() {
    // Two ways of asking the kernel: exec an i386 file, or make one int $0x80 call.
    assertEquals(MachineFeatures.ia32Absent().isPresent(), Ia32Emulation.absent().isPresent(),
        "IA-32 probes disagree: " + MachineFeatures.ia32Absent() + " vs "
            + Ia32Emulation.absent());
    System.out.println("IA-32 emulation: " + Ia32Emulation.absent().orElse("present"));
  }
}
