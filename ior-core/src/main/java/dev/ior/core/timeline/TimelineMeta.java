// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import java.util.Objects;

/**
 * What a timeline file says about its run.
 *
 * <pre>{@code
 * new TimelineMeta("ior trace of earth", "earth", clock.epochNs(0));
 * }</pre>
 *
 * @param title the trace's name, shown by viewers
 * @param host the traced host
 * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns, to print the start as wall time
 */
public record TimelineMeta(String title, String host, long epochOffsetNs) {
  /**
   * Requires the title and host.
   *
   * @param title the trace's name, shown by viewers
   * @param host the traced host
   * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns, to print the start as wall time
   * @throws NullPointerException when title or host is null
   */
  public TimelineMeta {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(host, "host");
  }
}
