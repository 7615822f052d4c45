// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import dev.ior.core.aggregate.AggregateRow;
import java.util.List;
import java.util.Objects;

/**
 * The content of a {@code .ior} file: the run's metadata and its aggregated rows.
 *
 * <pre>{@code
 * IorData data = IorFileReader.read(Path.of("ior-earth-20261126-070500.ior"));
 * StackProfile p = Projection.defaults().project(data.rows(), ProfileInfo.none());
 * }</pre>
 *
 * @param run where, when, how the run traced and what it lost
 * @param rows aggregated rows, in the order written
 */
public record IorData(RunInfo run, List<AggregateRow> rows) {
  /**
   * Keeps an immutable copy of the rows.
   *
   * @param run where, when, how the run traced and what it lost
   * @param rows aggregated rows, in the order written
   * @throws NullPointerException when run or rows is null
   */
  public IorData {
    Objects.requireNonNull(run, "run");
    rows = List.copyOf(rows);
  }
}
