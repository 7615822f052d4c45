// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one column of a {@link StackProfile} in the folded format ({@code a;b;c 42}), one line
 * per distinct stack in the profile's sample order, every frame escaped by {@link FrameEscaper}
 * so that no line can break or gain frames. Samples that differ only in labels are summed (the
 * format has no labels); stacks whose value is 0 are left out, as flamegraph.pl would ignore them.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("io.collapsed"))) {
 *   CollapsedWriter.write(profile, profile.indexOf("duration"), out);
 * }
 * }</pre>
 */
public final class CollapsedWriter {
  private CollapsedWriter() {}

  /**
   * Writes column {@code valueIndex} as UTF-8 to {@code out}, which is flushed, not closed.
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @param out the stream to write to
   * @throws IndexOutOfBoundsException when the profile has no such column
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(StackProfile profile, int valueIndex, OutputStream out)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    write(profile, valueIndex, w);
    w.flush();
  }

  /**
   * Writes column {@code valueIndex} to {@code out}, which is flushed, not closed.
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @param out the writer to write to
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(StackProfile profile, int valueIndex, Writer out) throws IOException {
    write(profile, valueIndex, out, false);
  }

  /**
   * Writes column {@code valueIndex} to {@code out}, which is flushed, not closed; with {@code
   * terminal} frames are escaped for a terminal ({@link FrameEscaper#escape(String, boolean)}).
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   * @param out the writer to write to
   * @param terminal whether the text is for a terminal
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(StackProfile profile, int valueIndex, Writer out, boolean terminal)
      throws IOException {
    for (Map.Entry<String, Long> e : fold(profile, valueIndex, terminal).entrySet()) {
      if (e.getValue() != 0) {
        out.write(e.getKey());
        out.write(' ');
        out.write(Long.toString(e.getValue()));
        out.write('\n');
      }
    }
    out.flush();
  }

  /**
   * {@return the folded text of column {@code valueIndex}, e.g. for tests and small profiles}
   *
   * @param profile the profile
   * @param valueIndex the sample type's column, 0 .. sample types - 1
   */
  public static String format(StackProfile profile, int valueIndex) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : fold(profile, valueIndex, false).entrySet()) {
      if (e.getValue() != 0) {
        b.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
      }
    }
    return b.toString();
  }

  /** Escaped stack text to summed value, in first-seen order. */
  private static Map<String, Long> fold(StackProfile profile, int valueIndex, boolean terminal) {
    if (valueIndex < 0 || valueIndex >= profile.sampleTypes().size()) {
      throw new IndexOutOfBoundsException("no value column " + valueIndex + " in "
          + profile.sampleTypes());
    }
    Map<String, Long> folded = new LinkedHashMap<>();
    for (Sample s : profile.samples()) {
      folded.merge(stackText(s.stack(), terminal), s.value(valueIndex), Long::sum);
    }
    return folded;
  }

  /**
   * {@return the escaped, semicolon-joined frames of one stack}
   *
   * @param stack frames, root first
   */
  public static String stackText(List<Frame> stack) {
    return stackText(stack, false);
  }

  private static String stackText(List<Frame> stack, boolean terminal) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < stack.size(); i++) {
      if (i > 0) {
        b.append(';');
      }
      b.append(FrameEscaper.escape(stack.get(i).name(), terminal));
    }
    return b.toString();
  }
}
