// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.text.NameBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads Brendan Gregg's folded ("collapsed") stack format: one {@code frame;frame;frame N} line
 * per stack, root first, the count after the last whitespace. This is what flamegraph.pl,
 * inferno and speedscope read, and what {@link CollapsedWriter} writes.
 *
 * <p>A line that does not end in whitespace and a non-negative integer (an empty line, a line
 * cut by a line break inside a file name, a fractional count) is skipped and reported with its
 * line number; it does not stop the read. A line ending in two such counts is differential
 * (difffolded.pl's {@code stack before after}), as flamegraph.pl reads it. Identical stacks are
 * summed. Bytes that are not UTF-8 are kept as {@link NameBytes} escapes, so names that differ
 * only there stay apart. Frames are unescaped as described in {@link FrameEscaper} unless
 * switched off.
 *
 * <p>Input that is not folded stacks at all is refused with an {@link IOException} naming the
 * line: a NUL byte (binary data such as an image; folded text never holds one), a file whose
 * non-blank lines are all malformed, and counts whose sum passes the range of a long (a sum that
 * wrapped around would be a wrong number).
 *
 * <pre>{@code
 * CollapsedResult r = CollapsedReader.read(Path.of("out.collapsed"));
 * StackProfile profile = r.profile();   // one sample type: samples/count
 * r.malformed().forEach(m -> System.err.println("line " + m.lineNumber() + ": " + m.reason()));
 * }</pre>
 */
public final class CollapsedReader {
  private static final int MAX_TEXT = 200;

  private final CollapsedOptions options;
  private final StackConsumer consumer;
  private final FrameTable frames = new FrameTable();
  private final List<MalformedLine> malformed = new ArrayList<>();
  private long malformedCount;
  private long wellFormed;
  private long blank;
  // The previous stack: its bytes, frames and where each frame's bytes end. Folded files are
  // sorted, so most lines repeat the previous line's leading frames; those are reused without
  // decoding or lookups. The current stack is built in the scratch arrays, which are reused:
  // per line only the frames array handed to the consumer is new.
  private byte[] previousText = new byte[256];
  private int previousLength;
  private Frame[] previous = new Frame[0];
  private int[] previousEnds = new int[16];
  private Frame[] scratch = new Frame[16];
  private int[] scratchEnds = new int[16];

  private CollapsedReader(CollapsedOptions options, StackConsumer consumer) {
    this.options = options;
    this.consumer = consumer;
  }

  /**
   * Reads {@code path} with {@link CollapsedOptions#defaults()}.
   *
   * @param path a folded-stacks file
   * @return the profile and the malformed lines
   * @throws IOException when it cannot be opened or is not folded stacks
   */
  public static CollapsedResult read(Path path) throws IOException {
    return read(path, CollapsedOptions.defaults());
  }

  /**
   * Reads {@code path}.
   *
   * @param path a folded-stacks file
   * @param options the sample type, escaping, kind rules and what to report
   * @return the profile and the malformed lines
   * @throws IOException when it cannot be opened (the {@link java.nio.file.FileSystemException}
   *     as thrown) or is not folded stacks (the message starts with the path, then the line)
   */
  public static CollapsedResult read(Path path, CollapsedOptions options) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      try {
        return read(in, options);
      } catch (java.nio.file.FileSystemException e) {
        throw e;
      } catch (IOException e) {
        throw new IOException(path + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads {@code in} to its end; the stream is not closed. Bytes are decoded as UTF-8. A file
   * with lines of two counts (difffolded.pl's output) gives a profile of two sample types,
   * {@code before} and {@code after} (the default), in which one-count lines count as unchanged.
   *
   * @param in the folded stacks
   * @param options the sample type, escaping, kind rules and what to report
   * @return the profile and the malformed lines
   * @throws IOException when reading fails or the input is not folded stacks (see above)
   */
  public static CollapsedResult read(InputStream in, CollapsedOptions options) throws IOException {
    ProfileCollector collector = new ProfileCollector(options.sampleType());
    LineReport report = stream(in, options, collector);
    return new CollapsedResult(
        collector.build(), report.lines(), report.malformedCount(), report.malformed());
  }

  /**
   * Reads {@code in} to its end, handing every well-formed line to {@code consumer} in file
   * order (lines with two counts to its two-value method); the stream is not closed.
   *
   * @param in the folded stacks
   * @param options the escaping, kind rules and what to report
   * @param consumer receives the well-formed lines
   * @return the line counts and the malformed lines
   * @throws IOException when reading fails or the input is not folded stacks (see above); an
   *     {@link ArithmeticException} the consumer throws becomes one naming the line
   */
  public static LineReport stream(InputStream in, CollapsedOptions options,
      StackConsumer consumer) throws IOException {
    CollapsedReader reader = new CollapsedReader(options, consumer);
    LineSource lines = new LineSource(in);
    while (lines.advance()) {
      try {
        reader.accept(lines);
      } catch (ArithmeticException e) {
        throw new IOException("line " + lines.lineNumber() + ": the counts add up past "
            + Long.MAX_VALUE + ", more than a 64-bit count holds", e);
      }
    }
    if (options.refuseNonStacks() && reader.wellFormed == 0
        && reader.malformedCount > reader.blank) {
      MalformedLine first = reader.malformed.isEmpty() ? null : reader.malformed.get(0);
      throw new IOException("not folded stacks: none of its " + lines.lineNumber()
          + " lines is 'frame;frame;... COUNT'"
          + (first == null ? "" : " (line " + first.lineNumber() + ": " + first.reason() + ")"));
    }
    return new LineReport(lines.lineNumber(), reader.malformedCount, reader.malformed);
  }

  private void accept(LineSource lines) throws IOException {
    byte[] b = lines.buffer();
    int from = lines.lineStart();
    int to = lines.lineEnd();
    int valueStart = digitsBefore(b, from, to);
    String problem = problem(b, from, to, valueStart);
    if (problem != null) {
      if (indexOfNul(b, from, to) >= 0) {
        throw binary(lines.lineNumber());
      }
      if (from == to) {
        blank++;
      }
      reject(lines.line(), lines.lineNumber(), problem);
      return;
    }
    wellFormed++;
    long value = parse(b, valueStart, to);
    // flamegraph.pl's pattern takes exactly one whitespace character before the count. When
    // what precedes it ends in the same pattern, the line has two counts (difffolded.pl's
    // before and after), as flamegraph.pl reads it.
    int stackEnd = valueStart - 1;
    int firstStart = digitsBefore(b, from, stackEnd);
    if (firstStart < stackEnd && firstStart > from && isBlank(b[firstStart - 1])
        && stackEnd - firstStart <= 18) {
      consumer.accept(stack(b, from, firstStart - 1, lines.lineNumber()),
          parse(b, firstStart, stackEnd), value);
    } else {
      consumer.accept(stack(b, from, stackEnd, lines.lineNumber()), value);
    }
  }

  /** Where the run of digits that ends at {@code to} starts. */
  private static int digitsBefore(byte[] b, int from, int to) {
    int start = to;
    while (start > from && isDigit(b[start - 1])) {
      start--;
    }
    return start;
  }

  private static long parse(byte[] b, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (b[i] - '0');
    }
    return value;
  }

  private static IOException binary(long line) {
    return new IOException("line " + line + " holds a NUL byte: binary data, not folded stacks");
  }

  private static int indexOfNul(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Why the line is malformed, or null; {@code valueStart} is where its trailing digits begin. */
  private static String problem(byte[] b, int from, int to, int valueStart) {
    if (from == to) {
      return "empty line";
    }
    if (valueStart == to) {
      return "no count at end of line";
    }
    if (valueStart > from && b[valueStart - 1] == '.') {
      return "fractional counts are not supported";
    }
    if (valueStart > from + 1 && b[valueStart - 1] == '-' && isBlank(b[valueStart - 2])) {
      return "negative count";
    }
    if (valueStart == from || !isBlank(b[valueStart - 1])) {
      return "no whitespace before the count";
    }
    if (to - valueStart > 18) {
      return "count too large";
    }
    return null;
  }

  /**
   * The frames of the stack in {@code b[from, to)}. Only bytes not shared with the previous stack
   * are looked at, so the NUL check costs nothing for the repeated prefixes of sorted files, and
   * only names not seen before are decoded (and checked for NUL).
   */
  private List<Frame> stack(byte[] b, int from, int to, long line) throws IOException {
    int length = to - from;
    if (length == 0) {
      return List.of();
    }
    int common = Arrays.mismatch(b, from, to, previousText, 0, previousLength);
    if (common < 0) {
      common = length; // identical to the previous stack
    }
    Frame[] stack = scratch;
    int[] ends = scratchEnds;
    int n = 0;
    // A previous frame is the same when its bytes and the ';' after it lie in the common prefix.
    while (n < previous.length && previousEnds[n] < common) {
      n++;
    }
    if (stack.length <= n) {
      stack = Arrays.copyOf(stack, n * 2);
    }
    if (ends.length <= n) {
      ends = Arrays.copyOf(ends, n * 2);
    }
    System.arraycopy(previous, 0, stack, 0, n);
    System.arraycopy(previousEnds, 0, ends, 0, n);
    int pos = n == 0 ? 0 : ends[n - 1] + 1;
    while (true) {
      int semi = pos;
      while (semi < length && b[from + semi] != ';') {
        semi++;
      }
      if (n == stack.length) {
        stack = Arrays.copyOf(stack, n * 2);
      }
      if (n == ends.length) {
        ends = Arrays.copyOf(ends, n * 2);
      }
      stack[n] = frame(b, from + pos, semi - pos, line);
      ends[n++] = semi;
      if (semi == length) {
        break;
      }
      pos = semi + 1;
    }
    if (previousText.length < length) {
      previousText = new byte[Math.max(length, previousText.length * 2)];
    }
    System.arraycopy(b, from, previousText, 0, length);
    previousLength = length;
    previous = Arrays.copyOf(stack, n);
    scratch = stack;
    scratchEnds = previousEnds; // the two arrays of ends take turns
    previousEnds = ends;
    return Collections.unmodifiableList(Arrays.asList(previous));
  }

  /**
   * One shared Frame per distinct text: far fewer objects, and kind rules run once per name.
   * A text seen before is found by its bytes, without decoding them.
   */
  private Frame frame(byte[] b, int off, int len, long line) throws IOException {
    int h = FrameTable.hash(b, off, len);
    Frame f = frames.get(b, off, len, h);
    if (f == null) {
      if (indexOfNul(b, off, off + len) >= 0) {
        throw binary(line);
      }
      String raw = NameBytes.decode(b, off, len);
      String name = options.unescape() ? FrameEscaper.unescape(raw) : raw;
      f = Frame.of(name, options.kindOf(name));
      frames.put(b, off, len, h, f);
    }
    return f;
  }

  private void reject(String line, long number, String reason) {
    malformedCount++;
    if (malformed.size() < options.maxReported()) {
      String text = line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) : line;
      malformed.add(new MalformedLine(number, text, reason));
    }
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\f' || c == 0x0b || c == '\r';
  }
}
