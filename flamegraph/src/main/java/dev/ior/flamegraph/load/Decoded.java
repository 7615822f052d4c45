// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.profile.StackProfile;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ProfileFormat} read: the profile and what the format knows about showing it.
 *
 * <pre>{@code
 * return new Decoded(profile, "I/O Traces", "host earth, 3.0 s", Map.of("count", "calls"));
 * }</pre>
 *
 * @param profile every sample type of the input
 * @param title a heading for graphs of it, empty for the caller's default
 * @param subtitle a second heading line, empty for none
 * @param countNames tooltip names of units by sample type name, where the format knows better
 *     than {@link CountNames} (ior calls a count of syscalls "calls")
 */
public record Decoded(StackProfile profile, String title, String subtitle,
    Map<String, String> countNames) {
  /**
   * Checks the components.
   *
   * @param profile every sample type of the input
   * @param title a heading for graphs of it, empty for the caller's default
   * @param subtitle a second heading line, empty for none
   * @param countNames tooltip names of units by sample type name, where the format knows better
   *     than {@link CountNames} (ior calls a count of syscalls "calls")
   */
  public Decoded {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    countNames = Map.copyOf(countNames);
  }

  /**
   * {@return a profile with nothing more to say}
   *
   * @param profile the profile
   */
  public static Decoded of(StackProfile profile) {
    return new Decoded(profile, "", "", Map.of());
  }
}
