// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import java.util.List;

/**
 * The user stack of a traced call, symbolized: frame names root first ({@code main}, {@code
 * flush_log}, {@code write_all}, {@code write}). Immutable and shared: the pipeline hands the
 * same instance to every call with the same stack of the same process, so its {@link #folded()}
 * string is built once and aggregation keys compare it by reference. Names never contain
 * {@code ';'} (the folded format's separator) or newlines.
 */
public final class CallStack {
  /** The stack of a call whose stack the policy did not take (or stacks are off). */
  public static final CallStack NOT_TAKEN = marker("[no stack]");

  private final List<String> frames;
  private final boolean provisional;
  private final String folded;

  /**
   * @param frames frame names, root first; never empty
   * @param provisional some frames could not be named yet (JIT code before the JVM's perf map had
   *     it): a later resolution of the same stack may name more
   */
  public CallStack(List<String> frames, boolean provisional) {
    this.frames = List.copyOf(frames);
    if (this.frames.isEmpty()) {
      throw new IllegalArgumentException("a stack has at least one frame");
    }
    this.provisional = provisional;
    this.folded = String.join(";", this.frames);
  }

  /**
   * A stack whose frames are all named as well as they can be.
   *
   * @param frames frame names, root first
   */
  public CallStack(List<String> frames) {
    this(frames, false);
  }

  /**
   * {@return a one-frame placeholder such as {@code [stack lost: map full]}}
   *
   * @param text the placeholder's text, shown as the only frame
   */
  public static CallStack marker(String text) {
    return new CallStack(List.of(text));
  }

  /** {@return frame names, root first} */
  public List<String> frames() {
    return frames;
  }

  /** {@return whether a later resolution may name more frames} */
  public boolean provisional() {
    return provisional;
  }

  /** {@return the frames joined by {@code ;}, root first (the folded format); built once} */
  public String folded() {
    return folded;
  }

  /**
   * {@return the frames of a {@link #folded()} string; {@link #NOT_TAKEN}'s for "" (no stack
   * known)}
   *
   * @param folded frames joined by {@code ;}, root first
   */
  public static List<String> framesOf(String folded) {
    return folded.isEmpty() ? NOT_TAKEN.frames : List.of(folded.split(";", -1));
  }

  /**
   * {@return a frame name made safe for the folded format}
   *
   * @param name a frame name
   */
  public static String clean(String name) {
    return name.replace(';', ':').replace('\n', ' ');
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof CallStack && ((CallStack) o).folded.equals(folded)
        && ((CallStack) o).provisional == provisional;
  }

  @Override
  public int hashCode() {
    // No Objects.hash: its varargs array would be an allocation per live-table lookup.
    return folded.hashCode() * 31 + (provisional ? 1 : 0);
  }

  @Override
  public String toString() {
    return folded;
  }
}
