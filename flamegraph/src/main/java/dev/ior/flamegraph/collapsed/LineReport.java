// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import java.util.List;

/**
 * The account of one read of a folded file: how many lines, which were skipped and why.
 *
 * <pre>{@code
 * LineReport r = CollapsedReader.stream(in, CollapsedOptions.defaults(), consumer);
 * System.err.println(r.lines() + " lines, " + r.malformedCount() + " skipped");
 * }</pre>
 *
 * @param lines number of lines read, malformed and blank ones included
 * @param malformedCount number of lines skipped
 * @param malformed the first {@link CollapsedOptions#maxReported()} skipped lines, in file order
 */
public record LineReport(long lines, long malformedCount, List<MalformedLine> malformed) {
  /**
   * Checks the components.
   *
   * @param lines number of lines read, malformed and blank ones included
   * @param malformedCount number of lines skipped
   * @param malformed the first {@link CollapsedOptions#maxReported()} skipped lines, in file order
   */
  public LineReport {
    malformed = List.copyOf(malformed);
  }
}
