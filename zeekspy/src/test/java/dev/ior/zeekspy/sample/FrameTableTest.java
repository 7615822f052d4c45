// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ior.flamegraph.profile.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one call becomes one or two frames. */
class FrameTableTest {
  private static final FuncInfo SCRIPT = new FuncInfo("f", false, 1, 0, 2, 1);
  private static final FuncInfo BUILTIN = new FuncInfo("g", true, 0, 1, 2, 1);

  @Test
  void currentLineInTheDeclaringFile() {
    assertEquals(List.of(new Frame("f", "zeek", "a.zeek", 12)),
        FrameTable.build(SCRIPT, new LocInfo("a.zeek", 10), new LocInfo("a.zeek", 12)));
  }

  @Test
  void bodyInAnotherFileAddsAFrame() {
    assertEquals(List.of(new Frame("f", "zeek", "decl.zeek", 10),
            new Frame("f", "zeek", "b.zeek", 3)),
        FrameTable.build(SCRIPT, new LocInfo("decl.zeek", 10), new LocInfo("b.zeek", 3)));
  }

  @Test
  void unknownLineFallsBackToTheDeclaration() {
    assertEquals(List.of(new Frame("g", "bif", "", 0)), FrameTable.build(BUILTIN, null, null));
    assertEquals(List.of(new Frame("f", "zeek", "decl.zeek", 10)),
        FrameTable.build(SCRIPT, new LocInfo("decl.zeek", 10), null));
    assertEquals(List.of(new Frame("<anonymous>", "zeek", "x.zeek", 1)),
        FrameTable.build(new FuncInfo("", false, 0, 0, 1, 0), null, new LocInfo("x.zeek", 1)));
  }

  @Test
  void framesAreReused() {
    FrameTable t = new FrameTable();
    LocInfo at = new LocInfo("a.zeek", 12);
    assertSame(t.frames(SCRIPT, null, at), t.frames(SCRIPT, null, at));
  }
}
