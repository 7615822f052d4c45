// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.util.List;
import java.util.Map;

/**
 * Collects the lines of a folded file into a {@link StackProfile}: one sample type, or {@code
 * before} and {@code after} from the first line with two counts on (earlier one-count lines are
 * carried over as unchanged), so plain files pay nothing for differential ones.
 *
 * <pre>{@code
 * ProfileCollector c = new ProfileCollector(new SampleType("samples", "count"));
 * CollapsedReader.stream(in, CollapsedOptions.defaults(), c);
 * StackProfile p = c.build();
 * }</pre>
 */
public final class ProfileCollector implements StackConsumer {
  private final SampleType type;
  private StackProfile.Builder single;
  private StackProfile.Builder diff;

  /**
   * Collects counts of {@code type}.
   *
   * @param type what the counts are
   */
  public ProfileCollector(SampleType type) {
    this.type = type;
    this.single = StackProfile.builder(List.of(type));
  }

  @Override
  public void accept(List<Frame> stack, long value) {
    if (diff != null) {
      diff.add(stack, Map.of(), value, value);
    } else {
      single.add(stack, Map.of(), value);
    }
  }

  @Override
  public void accept(List<Frame> stack, long before, long after) {
    if (diff == null) {
      diff = StackProfile.builder(List.of(new SampleType("before", type.unit()),
          new SampleType("after", type.unit()))).defaultSampleType("after");
      for (Sample s : single.build().samples()) {
        diff.add(s.stack(), Map.of(), s.value(0), s.value(0));
      }
      single = null;
    }
    diff.add(stack, Map.of(), before, after);
  }

  /** {@return the profile of the lines so far} */
  public StackProfile build() {
    return diff != null ? diff.build() : single.build();
  }
}
