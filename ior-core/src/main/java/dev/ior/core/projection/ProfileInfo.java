// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import java.util.List;

/**
 * What a projected profile says about its run, beyond the rows: start, length, notes, and
 * whether samples carry pid/tid/comm labels (pprof) or not (collapsed and SVG need none).
 *
 * <pre>{@code
 * ProfileInfo info = new ProfileInfo(startEpochNs, 60_000_000_000L, List.of("host earth"), true);
 * }</pre>
 *
 * @param timeNanos wall-clock start of the run, ns since the Unix epoch; 0 when unknown
 * @param durationNanos length of the run, ns; 0 when unknown
 * @param comments notes for the profile (pprof shows them)
 * @param labels whether to attach pid, tid and comm labels where they are not frames
 */
public record ProfileInfo(long timeNanos, long durationNanos, List<String> comments,
    boolean labels) {
  /**
   * Keeps an immutable copy of the comments.
   *
   * @param timeNanos wall-clock start of the run, ns since the Unix epoch; 0 when unknown
   * @param durationNanos length of the run, ns; 0 when unknown
   * @param comments notes for the profile (pprof shows them)
   * @param labels whether to attach pid, tid and comm labels where they are not frames
   */
  public ProfileInfo {
    comments = List.copyOf(comments);
  }

  /** {@return no metadata, no labels: for collapsed output and tests} */
  public static ProfileInfo none() {
    return new ProfileInfo(0, 0, List.of(), false);
  }
}
