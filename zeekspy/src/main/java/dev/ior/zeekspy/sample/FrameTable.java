// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.flamegraph.profile.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds, and reuses, the profile frames of one call: the function with its current line, or two
 * frames when the current line lies in another file than the function's declaration (the
 * declaration, then the body being executed), as an event handler declared in a {@code .bif}
 * script with its body in a protocol script.
 */
final class FrameTable {
  private static final int MAX = 100_000;
  private final Map<Key, List<Frame>> table = new HashMap<>();

  List<Frame> frames(FuncInfo f, LocInfo decl, LocInfo at) {
    Key k = new Key(f, decl, at);
    List<Frame> frames = table.get(k);
    if (frames == null) {
      if (table.size() >= MAX) {
        table.clear();
      }
      frames = build(f, decl, at);
      table.put(k, frames);
    }
    return frames;
  }

  /** The frames for one call; exposed for tests. */
  static List<Frame> build(FuncInfo f, LocInfo decl, LocInfo at) {
    String name = f.name().isEmpty() ? "<anonymous>" : f.name();
    String kind = f.builtin() ? StackWalker.KIND_BUILTIN : StackWalker.KIND_SCRIPT;
    LocInfo d = decl == null ? LocInfo.UNKNOWN : decl;
    if (at == null) {
      return List.of(new Frame(name, kind, d.file(), d.line()));
    }
    if (d.file().isEmpty() || d.file().equals(at.file())) {
      return List.of(new Frame(name, kind, at.file(), at.line()));
    }
    return List.of(new Frame(name, kind, d.file(), d.line()),
        new Frame(name, kind, at.file(), at.line()));
  }

  private record Key(FuncInfo f, LocInfo decl, LocInfo at) {}
}
