// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.collapsed.LineReport;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.tree.FrameTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ProfileLoader} read, ready to draw or convert.
 *
 * <pre>{@code
 * Loaded in = loader.load(inputs, LoadOptions.treeOnly());
 * in.skippedLines().forEach(line -> System.err.println("tool: " + line));
 * }</pre>
 *
 * @param format {@code folded}, {@code pprof} or the name of a caller's format
 * @param profile every sample type of the input; null when only a tree was asked for from
 *     folded stacks. Differential folded input has two sample types, {@code before} and {@code
 *     after}.
 * @param tree the frame tree of the chosen column (differential for difffolded input); null
 *     when not asked for
 * @param column index of the chosen sample type in {@code profile}
 * @param sampleType what the chosen column counts (for folded input: samples/count)
 * @param countName the tooltip name of its unit ({@link CountNames} or the format's own)
 * @param title the format's suggested heading, empty when it has none
 * @param subtitle the format's suggested second heading, empty when it has none
 * @param reports per folded input, the lines read and skipped
 */
public record Loaded(String format, StackProfile profile, FrameTree tree, int column,
    SampleType sampleType, String countName, String title, String subtitle,
    List<Report> reports) {
  /**
   * Checks the components.
   *
   * @param format {@code folded}, {@code pprof} or the name of a caller's format
   * @param profile every sample type of the input; null when only a tree was asked for from
   *     folded stacks. Differential folded input has two sample types, {@code before} and {@code
   *     after}.
   * @param tree the frame tree of the chosen column (differential for difffolded input); null
   *     when not asked for
   * @param column index of the chosen sample type in {@code profile}
   * @param sampleType what the chosen column counts (for folded input: samples/count)
   * @param countName the tooltip name of its unit ({@link CountNames} or the format's own)
   * @param title the format's suggested heading, empty when it has none
   * @param subtitle the format's suggested second heading, empty when it has none
   * @param reports per folded input, the lines read and skipped
   */
  public Loaded {
    reports = List.copyOf(reports);
  }

  /**
   * {@return the skipped lines, one message each, {@code SOURCE:LINE: skipped: REASON}, then {@code
   * SOURCE: N more malformed lines skipped} beyond those kept; for the caller to print}
   */
  public List<String> skippedLines() {
    List<String> lines = new ArrayList<>();
    for (Report r : reports) {
      r.report().malformed().forEach(m -> lines.add(r.source() + ":" + m.lineNumber()
          + ": skipped: " + m.reason()));
      long more = r.report().malformedCount() - r.report().malformed().size();
      if (more > 0) {
        lines.add(String.format(Locale.ROOT, "%s: %,d more malformed lines skipped", r.source(),
            more));
      }
    }
    return lines;
  }

  /**
   * How one folded input read.
   *
   * @param source the input's name
   * @param report its lines and the malformed ones
   */
  public record Report(String source, LineReport report) {}
}
