// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.syscall.Syscall;
import java.util.Objects;

/**
 * The identity of one labelled series: syscall, comm and container ("" when none).
 *
 * <pre>{@code
 * new SeriesKey(table.byName("read"), "postgres", "");
 * }</pre>
 */
public record SeriesKey(Syscall syscall, String comm, String container) {
  /**
   * Requires every component ({@code container} is empty outside a container).
   *
   * @throws NullPointerException when a component is null
   */
  public SeriesKey {
    Objects.requireNonNull(syscall, "syscall");
    Objects.requireNonNull(comm, "comm");
    Objects.requireNonNull(container, "container");
  }

  /** {@return whether this is an overflow series (pairs folded in beyond the series cap)} */
  public boolean overflow() {
    return PairLabels.OTHER.equals(comm);
  }
}
