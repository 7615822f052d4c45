// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import java.util.List;

/**
 * The user stack of a traced call, symbolized: frame names root first ({@code main}, {@code
 * flush_log}, {@code write_all}, {@code write}). Immutable and shared: the pipeline hands the
 * same instance to every call with the same stack of the same process. Names never contain
 * {@code ';'} (the folded format's separator) or newlines.
 *
 * @param frames frame names, root first; never empty
 * @param provisional some frames could not be named yet (JIT code before the JVM's perf map had
 *     it): a later resolution of the same stack may name more
 */
public record CallStack(List<String> frames, boolean provisional) {
  /** The stack of a call whose stack the policy did not take (or stacks are off). */
  public static final CallStack NOT_TAKEN = new CallStack(List.of("[no stack]"));

  /** A stack whose frames are all named as well as they can be. */
  public CallStack(List<String> frames) {
    this(frames, false);
  }

  public CallStack {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a stack has at least one frame");
    }
  }

  /** A one-frame placeholder such as {@code [stack lost: map full]}. */
  public static CallStack marker(String text) {
    return new CallStack(List.of(text));
  }

  /** The frames joined by {@code ;}, root first (the folded format). */
  public String folded() {
    return String.join(";", frames);
  }

  /** The inverse of {@link #folded()}. */
  public static CallStack ofFolded(String folded) {
    return new CallStack(List.of(folded.split(";", -1)));
  }

  /** A frame name made safe for the folded format. */
  public static String clean(String name) {
    return name.replace(';', ':').replace('\n', ' ');
  }
}
