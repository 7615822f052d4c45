// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTableTest {
  /** Resolves "pid:id:sp" and counts calls; provisional until generation 1. */
  static final class Fake implements StackResolver {
    final List<String> calls = new ArrayList<>();
    long generation;
    final List<Integer> forgotten = new ArrayList<>();
    final List<String> mappings = new ArrayList<>();

    @Override
    public CallStack resolve(int pid, int stackId, long spWord) {
      calls.add(pid + ":" + stackId + ":" + spWord);
      return new CallStack(List.of("main", "f" + stackId + "@" + generation), generation == 0);
    }

    @Override
    public long generation() {
      return generation;
    }

    @Override
    public void forget(int pid) {
      forgotten.add(pid);
    }

    @Override
    public void mapping(int pid, int index, FileMapping m) {
      mappings.add(pid + "#" + index + " " + m.path());
    }
  }

  @Test
  void aProcessKnownOnlyByItsMappingsIsForgottenToo() {
    Fake f = new Fake();
    StackTable t = new StackTable(f);
    t.mapping(4, 0, new FileMapping(0x1000, 0x2000, 0, 5, 8 << 20 | 1, 12, "/bin/x"));
    t.forget(4);
    t.forget(5); // never seen: the resolver is not bothered
    assertEquals(List.of("4#0 /bin/x"), f.mappings);
    assertEquals(List.of(4), f.forgotten, "the exec or exit drops the mappings the kernel sent");
  }

  @Test
  void aMappingReadsAsProcMapsShowsIt() {
    FileMapping m = new FileMapping(0x1000, 0x2000, 0x3000, FileMapping.READ | FileMapping.EXEC,
        0x103 << 20 | 0x1f, 12, "/usr/lib/x86_64-linux-gnu/libc.so.6");
    assertEquals("r-xp", m.perms());
    assertEquals("103:1f", m.deviceName());
    assertEquals("08:01", new FileMapping(0, 1, 0, 0, 8 << 20 | 1, 1, "/x").deviceName());
  }

  @Test
  void resolvesEachDistinctStackOncePerProcess() {
    Fake f = new Fake();
    f.generation = 1;
    StackTable t = new StackTable(f);
    CallStack a = t.get(10, 5, 0x1000);
    assertSame(a, t.get(10, 5, 0x1000));
    t.get(10, 5, 0x2000); // another caller of a frameless wrapper
    t.get(11, 5, 0x1000); // the same id in another process: other addresses
    assertEquals(List.of("10:5:4096", "10:5:8192", "11:5:4096"), f.calls);
    assertEquals("main;f5@1", a.folded());
  }

  @Test
  void provisionalStacksAreResolvedAgainWhenTheResolverLearnt() {
    Fake f = new Fake();
    StackTable t = new StackTable(f);
    assertEquals("main;f7@0", t.get(1, 7, 0).folded());
    assertEquals("main;f7@0", t.get(1, 7, 0).folded());
    f.generation = 1;
    assertEquals("main;f7@1", t.get(1, 7, 0).folded());
    assertEquals("main;f7@1", t.get(1, 7, 0).folded());
    assertEquals(2, f.calls.size());
  }

  @Test
  void forgettingAProcessDropsItsStacks() {
    Fake f = new Fake();
    StackTable t = new StackTable(f);
    t.get(3, 1, 0);
    t.forget(3);
    t.get(3, 1, 0);
    assertEquals(2, f.calls.size());
    assertEquals(List.of(3), f.forgotten);
  }

  @Test
  void foldedFramesRoundTrip() {
    CallStack s = new CallStack(List.of("a", "b", "c"));
    assertEquals(s.frames(), CallStack.framesOf(s.folded()));
    assertEquals(List.of("[no stack]"), CallStack.framesOf(""));
    assertEquals("x:y z", CallStack.clean("x;y\nz"));
  }
}
