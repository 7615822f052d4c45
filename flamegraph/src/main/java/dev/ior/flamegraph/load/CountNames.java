// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.profile.SampleType;

/**
 * What one unit of a sample type is called in tooltips ({@code 1,234 ns}), one rule for every
 * front end: short time units, {@code bytes}, and for counts the type's own name ({@code
 * samples}, {@code alloc_objects}) or {@code samples} when the type is just called {@code count}.
 *
 * <pre>{@code
 * CountNames.of(new SampleType("cpu", "nanoseconds"));   // "ns"
 * CountNames.of(new SampleType("samples", "count"));     // "samples"
 * }</pre>
 */
public final class CountNames {
  private CountNames() {}

  /**
   * {@return the tooltip name of a unit of {@code t}}
   *
   * @param t a sample type
   */
  public static String of(SampleType t) {
    switch (t.unit()) {
      case "nanoseconds":
        return "ns";
      case "microseconds":
        return "us";
      case "milliseconds":
        return "ms";
      case "seconds":
        return "s";
      case "":
      case "count":
        return t.type().equals("count") ? "samples" : t.type();
      default:
        return t.unit();
    }
  }
}
