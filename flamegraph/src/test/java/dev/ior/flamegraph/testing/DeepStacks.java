// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.testing;

import dev.ior.flamegraph.profile.Frame;
import java.util.ArrayList;
import java.util.List;

/** Stacks far deeper than any thread's stack could recurse: a path 10,000 directories deep. */
public final class DeepStacks {
  /** Frames of {@link #stack}. */
  public static final int DEPTH = 10_000;

  private DeepStacks() {}

  /** {@code /d0}, {@code /d1}, ... {@code /d9998} (kind path), then {@code leaf} (syscall). */
  public static List<Frame> stack(String leaf) {
    List<Frame> stack = new ArrayList<>(DEPTH);
    for (int i = 0; i < DEPTH - 1; i++) {
      stack.add(Frame.of("/d" + i, "path"));
    }
    stack.add(Frame.of(leaf, "syscall"));
    return stack;
  }
}
