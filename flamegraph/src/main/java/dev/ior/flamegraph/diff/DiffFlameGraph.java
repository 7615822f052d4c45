// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.diff;

import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Differential flame graphs of two profiles, as difffolded.pl and flamegraph.pl make them: the
 * boxes have the shape of the second ("after") profile, and each is coloured by how its total
 * changed from the first ("before"): red grew, blue shrank, the stronger the larger the change
 * relative to the largest change in the graph. Stacks that exist only before have no width and
 * only show through their parents' colour.
 *
 * <pre>{@code
 * StackProfile before = CollapsedReader.read(Path.of("monday.collapsed")).profile();
 * StackProfile after = CollapsedReader.read(Path.of("tuesday.collapsed")).profile();
 * try (OutputStream out = Files.newOutputStream(Path.of("diff.svg"))) {
 *   DiffFlameGraph.render(before, 0, after, 0, true,
 *       SvgOptions.defaults().withTitle("Tuesday vs Monday"), out);
 * }
 * }</pre>
 */
public final class DiffFlameGraph {
  private DiffFlameGraph() {}

  /**
   * Renders the differential graph of column {@code beforeIndex} of {@code before} and column
   * {@code afterIndex} of {@code after}; with {@code normalize} the before profile is first
   * scaled to the after profile's total, so a longer run does not paint everything red.
   *
   * @param before the baseline profile
   * @param beforeIndex the baseline's sample type column
   * @param after the profile compared with it
   * @param afterIndex its sample type column
   * @param normalize whether to scale the baseline to the same total first
   * @param options how to draw
   * @param out the stream to write the SVG to
   * @return what was drawn: frames, size, bytes
   * @throws IOException when {@code out} cannot be written
   */
  public static SvgStats render(StackProfile before, int beforeIndex, StackProfile after,
      int afterIndex, boolean normalize, SvgOptions options, OutputStream out)
      throws IOException {
    FrameTree tree = FrameTree.diff(before, beforeIndex, after, afterIndex, normalize);
    return SvgRenderer.render(tree, options, out);
  }

  /**
   * Writes difffolded.pl's three-column format, {@code stack before after} per line, sorted by
   * stack, so that {@code flamegraph.pl} (which reads it directly) can draw our diffs too.
   * Frames are escaped as {@link CollapsedWriter} does.
   *
   * @param before the baseline profile
   * @param beforeIndex the baseline's sample type column
   * @param after the profile compared with it
   * @param afterIndex its sample type column
   * @param normalize whether to scale the baseline to the same total first
   * @param out the writer to write to; flushed, not closed
   * @throws ArithmeticException when two stacks that escape to the same text add up past the
   *     range of a long
   * @throws IOException when {@code out} cannot be written
   */
  public static void writeFolded(StackProfile before, int beforeIndex, StackProfile after,
      int afterIndex, boolean normalize, Writer out) throws IOException {
    Map<String, long[]> rows = new TreeMap<>();
    double scale = normalize ? scale(before, beforeIndex, after, afterIndex) : 1.0;
    for (Sample s : before.samples()) {
      long[] row = rows.computeIfAbsent(CollapsedWriter.stackText(s.stack()), k -> new long[2]);
      row[0] = Math.addExact(row[0], s.value(beforeIndex));
    }
    for (Sample s : after.samples()) {
      long[] row = rows.computeIfAbsent(CollapsedWriter.stackText(s.stack()), k -> new long[2]);
      row[1] = Math.addExact(row[1], s.value(afterIndex));
    }
    for (Map.Entry<String, long[]> e : rows.entrySet()) {
      long b = Math.round(e.getValue()[0] * scale);
      long a = e.getValue()[1];
      if (a != 0 || b != 0) {
        out.write(e.getKey() + " " + b + " " + a + "\n");
      }
    }
    out.flush();
  }

  private static double scale(StackProfile before, int bi, StackProfile after, int ai) {
    long b = before.total(bi);
    return b == 0 ? 1.0 : (double) after.total(ai) / b;
  }
}
