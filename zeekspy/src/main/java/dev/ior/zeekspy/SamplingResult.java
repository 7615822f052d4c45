// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.zeekspy.sample.SamplerStats;
import java.util.Optional;

/**
 * The outcome of a sampling run: the profile of every sample taken, the counters, and what ended
 * the run early, if anything (e.g. the target exited; the profile is still complete up to then).
 *
 * <pre>{@code
 * SamplingResult r = spy.stop();
 * PprofWriter.write(r.profile(), out);
 * r.endedBy().ifPresent(e -> System.err.println("stopped early: " + e.getMessage()));
 * }</pre>
 *
 * @param profile the samples, aggregated
 * @param stats final counters
 * @param endedBy the failure that ended sampling before it was asked to stop, if any
 */
public record SamplingResult(
    StackProfile profile, SamplerStats stats, Optional<ZeekSpyException> endedBy) {

  /** {@return true when sampling ended because the target process exited} */
  public boolean targetExited() {
    return endedBy.map(e -> e.reason() == ZeekSpyException.Reason.TARGET_EXITED).orElse(false);
  }
}
