// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One aggregated stack of a {@link StackProfile} with its values (one per sample type) and its
 * labels (key/value pairs that are not frames, e.g. {@code pid=42}).
 *
 * <pre>{@code
 * Sample s = new Sample(List.of(Frame.of("main"), Frame.of("read")), Map.of(), new long[] {3, 900});
 * long count = s.value(0);
 * }</pre>
 *
 * @param stack frames from the root (outermost caller) to the leaf
 * @param labels string labels, possibly empty
 * @param values one value per sample type of the profile; the array is copied, never shared
 */
public record Sample(List<Frame> stack, Map<String, String> labels, long[] values) {
  /**
   * Checks the components.
   *
   * @param stack frames from the root (outermost caller) to the leaf
   * @param labels string labels, possibly empty
   * @param values one value per sample type of the profile; the array is copied, never shared
   */
  public Sample {
    stack = List.copyOf(stack);
    labels = Map.copyOf(labels);
    values = values.clone();
  }

  /**
   * {@return the value for sample type {@code index}}
   *
   * @param index the sample type's column, 0 .. sample types - 1
   */
  public long value(int index) {
    return values[index];
  }

  /** {@return a copy of the values} */
  @Override
  public long[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample other
        && stack.equals(other.stack)
        && labels.equals(other.labels)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stack, labels, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "Sample" + stack + labels + Arrays.toString(values);
  }
}
