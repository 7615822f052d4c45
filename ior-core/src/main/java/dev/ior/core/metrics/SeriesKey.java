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
 *
 * @param syscall the syscall
 * @param comm the process's comm (the thread group leader's)
 * @param container the container the process runs in ({@link PairLabels#container}), "" when none
 */
public record SeriesKey(Syscall syscall, String comm, String container) {
  /**
   * Requires every component ({@code container} is empty outside a container).
   *
   * @param syscall the syscall
   * @param comm the process's comm (the thread group leader's)
   * @param container the container the process runs in ({@link PairLabels#container}), "" when none
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
