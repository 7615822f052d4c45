// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.flamegraph.profile.Frame;
import java.util.List;

/**
 * Receives the samples of a {@link Sampler}, on the sampling thread.
 *
 * <pre>{@code
 * StackSink sink = new StackSink() {
 *   public void stack(List<Frame> frames) { ... }
 *   public void empty() { ... }
 * };
 * }</pre>
 */
public interface StackSink {
  /**
   * One sample; {@code frames} (outermost first) is reused after the call returns.
   *
   * @param frames the stack's frames, outermost first; copy what must be kept
   */
  void stack(List<Frame> frames);

  /** One sample taken while the call stack was empty. */
  void empty();
}
