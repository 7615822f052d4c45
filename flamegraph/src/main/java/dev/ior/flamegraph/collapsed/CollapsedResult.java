// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.StackProfile;
import java.util.List;

/**
 * What {@link CollapsedReader} read: the profile of all well-formed lines and an account of the
 * lines it skipped, so that callers can warn instead of silently miscounting.
 *
 * <pre>{@code
 * CollapsedResult r = CollapsedReader.read(Path.of("io.collapsed"));
 * if (r.malformedCount() > 0) {
 *   System.err.println(r.malformedCount() + " malformed lines skipped, first at line "
 *       + r.malformed().get(0).lineNumber());
 * }
 * long total = r.profile().total(0);
 * }</pre>
 *
 * @param profile one sample type (from {@link CollapsedOptions#sampleType()}), stacks root first
 * @param lines number of lines read, malformed and blank ones included
 * @param malformedCount number of lines skipped
 * @param malformed the first {@link CollapsedOptions#maxReported()} skipped lines, in file order
 */
public record CollapsedResult(
    StackProfile profile, long lines, long malformedCount, List<MalformedLine> malformed) {
  /**
   * Checks the components.
   *
   * @param profile one sample type (from {@link CollapsedOptions#sampleType()}), stacks root first
   * @param lines number of lines read, malformed and blank ones included
   * @param malformedCount number of lines skipped
   * @param malformed the first {@link CollapsedOptions#maxReported()} skipped lines, in file order
   */
  public CollapsedResult {
    malformed = List.copyOf(malformed);
  }
}
