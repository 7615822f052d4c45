// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.profile;

import java.util.Objects;

/**
 * One value column of a {@link StackProfile}: what is counted and in which unit, as pprof's
 * {@code ValueType}.
 *
 * <pre>{@code
 * SampleType duration = new SampleType("duration", "nanoseconds");
 * }</pre>
 *
 * @param type what the value measures, e.g. {@code count}, {@code duration}, {@code bytes}
 * @param unit the unit of the value, e.g. {@code count}, {@code nanoseconds}, {@code bytes}
 */
public record SampleType(String type, String unit) {
  /**
   * Checks the components.
   *
   * @param type what the value measures, e.g. {@code count}, {@code duration}, {@code bytes}
   * @param unit the unit of the value, e.g. {@code count}, {@code nanoseconds}, {@code bytes}
   */
  public SampleType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("sample type name must not be empty");
    }
  }
}
