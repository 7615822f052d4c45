// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden output of the writer, escaping, column choice, and the round trip through the reader. */
class CollapsedWriterTest {
  private static final List<SampleType> TYPES =
      List.of(new SampleType("count", "count"), new SampleType("duration", "nanoseconds"));

  private static StackProfile profile() {
    return StackProfile.builder(TYPES)
        .add(List.of(Frame.of("bash", "process"), Frame.of("read", "syscall")),
            Map.of("pid", "1"), 2, 300)
        .add(List.of(Frame.of("bash", "process"), Frame.of("/tmp/a;b\nc", "path"),
            Frame.of("write", "syscall")), Map.of(), 1, 50)
        .add(List.of(Frame.of("bash", "process"), Frame.of("read", "syscall")),
            Map.of("pid", "2"), 3, 100)
        .add(List.of(Frame.of("idle")), Map.of(), 0, 9)
        .build();
  }

  @Test
  void goldenOutputPerColumn() {
    assertEquals("bash;read 5\nbash;/tmp/a\\x3bb\\x0ac;write 1\n",
        CollapsedWriter.format(profile(), 0));
    assertEquals("bash;read 400\nbash;/tmp/a\\x3bb\\x0ac;write 50\nidle 9\n",
        CollapsedWriter.format(profile(), 1));
    assertThrows(IndexOutOfBoundsException.class, () -> CollapsedWriter.format(profile(), 2));
  }

  @Test
  void namesDifferingOnlyInBytesThatAreNotUtf8StayTwoStacks() throws IOException {
    StackProfile p = StackProfile.builder(List.of(new SampleType("bytes", "bytes")))
        .add(List.of(Frame.of("prog"), Frame.of("/r/x\udcff")), Map.of(), 11)
        .add(List.of(Frame.of("prog"), Frame.of("/r/x\udcfe")), Map.of(), 12)
        .add(List.of(Frame.of("prog"), Frame.of("/r/report 2024")), Map.of(), 300)
        .build();
    String text = CollapsedWriter.format(p, 0);
    assertEquals("prog;/r/x\\xff 11\nprog;/r/x\\xfe 12\nprog;/r/report 2024_[w] 300\n", text);
    CollapsedResult r = CollapsedReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        CollapsedOptions.defaults());
    assertEquals(p.samples(), r.profile().samples());
  }

  @Test
  void roundTripKeepsNamesWithAnyCharacter() throws IOException {
    String nasty = "we;ird\r\n\u0000name\\with\u2028stuff";
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(List.of(Frame.of("root"), Frame.of(nasty), Frame.of("")), Map.of(), 4)
        .add(List.of(Frame.of("root")), Map.of(), 1)
        .build();
    String text = CollapsedWriter.format(p, 0);
    assertEquals(2, text.lines().count());
    CollapsedResult r = CollapsedReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        CollapsedOptions.defaults());
    assertEquals(0, r.malformedCount());
    assertEquals(p.samples(), r.profile().samples());
    assertEquals(text, CollapsedWriter.format(r.profile(), 0));
  }
}
