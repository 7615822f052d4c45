// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace.spi;

import dev.ior.core.stats.Losses;
import java.util.Objects;

/**
 * Losses only a record source can count: the ring's and the kernel's ({@code RING_FULL}, {@code
 * UNREAD_AT_STOP}, {@code KERNEL_SKIPPED}, {@code NO_THREAD_STATE}; a counter the kernel did not
 * give is unknown in {@link Losses}, never -1), and the names the kernel could not hand over.
 *
 * @param losses the source's losses
 * @param namesLost file names the kernel could not hand over, >= 0
 */
public record SourceLosses(Losses losses, long namesLost) {
  /** No losses (a recording: its own losses were counted when it was made). */
  public static final SourceLosses NONE = new SourceLosses(Losses.NONE, 0);

  /**
   * Checks the counts.
   *
   * @param losses the source's losses
   * @param namesLost file names the kernel could not hand over, >= 0
   * @throws IllegalArgumentException when namesLost is negative
   */
  public SourceLosses {
    Objects.requireNonNull(losses, "losses");
    if (namesLost < 0) {
      throw new IllegalArgumentException("namesLost < 0: " + namesLost);
    }
  }
}
