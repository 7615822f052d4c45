// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Parsing rules of the folded format, malformed-line reports, kind rules. */
class CollapsedReaderTest {
  static CollapsedResult read(String text, CollapsedOptions o) throws IOException {
    return CollapsedReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), o);
  }

  static CollapsedResult read(String text) throws IOException {
    return read(text, CollapsedOptions.defaults());
  }

  @Test
  void readsStacksRootFirstAndSumsDuplicates() throws IOException {
    CollapsedResult r = read("main;a;b 3\nmain;a 2\nmain;a;b 4\n");
    StackProfile p = r.profile();
    assertEquals(3, r.lines());
    assertEquals(0, r.malformedCount());
    assertEquals(2, p.samples().size());
    Sample first = p.samples().get(0);
    assertEquals(List.of(Frame.of("main"), Frame.of("a"), Frame.of("b")), first.stack());
    assertEquals(7, first.value(0));
    assertEquals(9, p.total(0));
    assertEquals("samples", p.sampleTypes().get(0).type());
  }

  @Test
  void rawBytesThatAreNotUtf8KeepNamesApart() throws IOException {
    byte[] text = {'a', (byte) 0xff, ' ', '1', '\n', 'a', (byte) 0xfe, ' ', '2', '\n',
        'a', '\\', 'x', 'f', 'f', ' ', '4', '\n'};
    StackProfile p = CollapsedReader.read(new ByteArrayInputStream(text),
        CollapsedOptions.defaults()).profile();
    assertEquals(2, p.samples().size()); // the raw 0xff and the escaped one are the same name
    assertEquals(List.of(Frame.of("a\udcff")), p.samples().get(0).stack());
    assertEquals(5, p.samples().get(0).value(0));
    assertEquals(List.of(Frame.of("a\udcfe")), p.samples().get(1).stack());
  }

  @Test
  void reportsMalformedLinesWithNumbersAndSkipsThem() throws IOException {
    String text = "ok;a 1\n\nbroken;file\nname;x 5\nfrac 1.5\nnospace;1\nneg -2\nok;b 2";
    CollapsedResult r = read(text);
    assertEquals(8, r.lines());
    assertEquals(List.of(2L, 3L, 5L, 6L, 7L),
        r.malformed().stream().map(MalformedLine::lineNumber).collect(Collectors.toList()));
    assertEquals("empty line", r.malformed().get(0).reason());
    assertEquals("no count at end of line", r.malformed().get(1).reason());
    assertEquals("broken;file", r.malformed().get(1).text());
    assertEquals("fractional counts are not supported", r.malformed().get(2).reason());
    assertEquals("no whitespace before the count", r.malformed().get(3).reason());
    // The tail of the split line is well-formed and counted, as flamegraph.pl counts it.
    assertEquals(1 + 5 + 2, r.profile().total(0));
  }

  @Test
  void lineFeedAloneEndsALineAndCrLfIsAccepted() throws IOException {
    CollapsedResult r = read("a\rb;c 1\r\nd 2\r\n");
    assertEquals(2, r.lines());
    assertEquals(Frame.of("a\rb"), r.profile().samples().get(0).stack().get(0));
    assertEquals(3, r.profile().total(0));
  }

  @Test
  void keepsEmptyFramesAndTakesOneWhitespaceBeforeTheCount() throws IOException {
    CollapsedResult r = read("6919;;/proc 1\nx\t2\n 3\n");
    assertEquals(List.of(Frame.of("6919"), Frame.of(""), Frame.of("/proc")),
        r.profile().samples().get(0).stack());
    assertEquals(List.of(Frame.of("x")), r.profile().samples().get(1).stack());
    assertEquals(List.of(), r.profile().samples().get(2).stack());
    assertEquals(6, r.profile().total(0));
  }

  @Test
  void unescapesUnlessSwitchedOff() throws IOException {
    String line = "a\\x3bb;c\\nd 1\n";
    assertEquals(List.of(Frame.of("a;b"), Frame.of("c\nd")),
        read(line).profile().samples().get(0).stack());
    assertEquals(List.of(Frame.of("a\\x3bb"), Frame.of("c\\nd")),
        read(line, CollapsedOptions.defaults().withUnescape(false))
            .profile().samples().get(0).stack());
  }

  @Test
  void kindRulesClassifyFrames() throws IOException {
    CollapsedOptions o = CollapsedOptions.defaults().withKindRules(List.of(
        new CollapsedOptions.KindRule(Pattern.compile("^enter_"), "syscall"),
        new CollapsedOptions.KindRule(Pattern.compile("^/"), "path")));
    List<Frame> stack = read("42;/etc;enter_read 1", o).profile().samples().get(0).stack();
    assertEquals(List.of(Frame.of("42"), Frame.of("/etc", "path"),
        Frame.of("enter_read", "syscall")), stack);
  }

  @Test
  void framesSharedWithThePreviousLineAreReusedOnlyWhenWhole() throws IOException {
    // Each line shares a text prefix with the previous one that ends inside a frame.
    CollapsedResult r = read("a;bc 1\na;bcd 2\na;bc;x 3\na 4\nab;c 5\nab;c;d 6\nab;c 7\n");
    List<String> stacks = r.profile().samples().stream()
        .map(s -> s.stack().stream().map(Frame::name).collect(Collectors.joining("|")))
        .collect(Collectors.toList());
    assertEquals(List.of("a|bc", "a|bcd", "a|bc|x", "a", "ab|c", "ab|c|d"), stacks);
    assertEquals(5 + 7, r.profile().samples().get(4).value(0));
  }

  @Test
  void streamHandsOutStacksThatStayValid() throws IOException {
    List<List<Frame>> seen = new java.util.ArrayList<>();
    LineReport report = CollapsedReader.stream(new ByteArrayInputStream(
            "x;y 1\nx;z 2\nbad\n".getBytes(StandardCharsets.UTF_8)),
        CollapsedOptions.defaults(), (stack, value) -> seen.add(stack));
    assertEquals(List.of(List.of(Frame.of("x"), Frame.of("y")),
        List.of(Frame.of("x"), Frame.of("z"))), seen);
    assertEquals(3, report.lines());
    assertEquals(3, report.malformed().get(0).lineNumber());
  }

  @Test
  void capsTheReportButCountsEveryMalformedLine() throws IOException {
    CollapsedOptions o = new CollapsedOptions(
        CollapsedOptions.defaults().sampleType(), true, 2, List.of(), true);
    CollapsedResult r = read("x\ny\nz\nok 1\n", o);
    assertEquals(3, r.malformedCount());
    assertEquals(2, r.malformed().size());
  }

  @Test
  void longLinesBeyondTheBufferAreRead() throws IOException {
    String frame = "f".repeat(200_000);
    CollapsedResult r = read(frame + ";g 7\n");
    assertEquals(frame, r.profile().samples().get(0).stack().get(0).name());
    assertEquals(7, r.profile().total(0));
  }
}
