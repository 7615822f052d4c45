// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.Frame;
import java.util.List;

/**
 * Receives the stacks of a folded file one line at a time, for callers that build their own
 * structure (a frame tree) without holding a whole {@link dev.ior.flamegraph.profile.StackProfile}.
 *
 * <pre>{@code
 * FrameTree.Builder tree = FrameTree.builder();
 * LineReport report = CollapsedReader.stream(in, CollapsedOptions.defaults(), tree::add);
 * }</pre>
 */
@FunctionalInterface
public interface StackConsumer {
  /**
   * One well-formed line: its frames root first (an unmodifiable list the consumer may keep;
   * frames of equal text are the same instance) and its count.
   *
   * @param stack frames, root first
   * @param value the line's count
   */
  void accept(List<Frame> stack, long value);

  /**
   * One line with two counts, difffolded.pl's {@code stack before after}; by default the line
   * counts with its {@code after} value, which is what flamegraph.pl draws.
   *
   * @param stack frames, root first
   * @param before the first count (the baseline)
   * @param after the second count
   */
  default void accept(List<Frame> stack, long before, long after) {
    accept(stack, after);
  }
}
