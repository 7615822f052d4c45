// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.StackTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stack ids are named from the frames the kernel sent for them, whenever those come. */
class BpfStackResolverTest {
  private static final int SELF = (int) ProcessHandle.current().pid();

  @Test
  void anIdIsNamedFromItsFramesAndOneWithoutFramesIsTriedAgainOnceTheyCome() {
    // An address of this process that has a name: libc's getpid, as the kernel would send it.
    long getpid = Pointer.nativeValue(NativeLibrary.getInstance("c").getFunction("getpid"));
    try (BpfStackResolver resolver = new BpfStackResolver(w -> { })) {
      StackTable table = new StackTable(resolver);
      CallStack early = table.get(SELF, 4097, 0);
      assertEquals(List.of("[stack lost]"), early.frames(), "no frames yet");
      assertTrue(early.provisional(), "named again once the frames come");
      long generation = resolver.generation();

      resolver.frames(4097, new long[] {getpid, 0}, 1);
      assertNotEquals(generation, resolver.generation());
      CallStack named = table.get(SELF, 4097, 0);
      assertFalse(named.provisional(), named.frames().toString());
      assertTrue(named.frames().get(named.frames().size() - 1).contains("getpid"),
          "named from libc's symbols: " + named.frames());

      assertEquals(List.of("[stack lost: stack map full]"), table.get(SELF, -12, 0).frames());
      assertEquals(List.of("[stack lost: ring full]"), table.get(SELF, -28, 0).frames());
    }
  }
}
