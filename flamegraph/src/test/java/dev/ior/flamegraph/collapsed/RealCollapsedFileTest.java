// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real ior output from host "earth": 80,162 lines (80,158 of them non-empty), of which 8 are
 * malformed because 4 file names contain two line feeds each; the well-formed lines sum to
 * 966,341, the root total flamegraph.pl computes.
 */
class RealCollapsedFileTest {
  @Test
  void readsTheRealFileWithTheSameTotalsAsFlamegraphPl() throws IOException {
    byte[] bytes;
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      bytes = in.readAllBytes();
    }
    CollapsedResult r = CollapsedReader.read(
        new ByteArrayInputStream(bytes), CollapsedOptions.defaults());

    assertEquals(80_162, r.lines());
    assertEquals(80_158, r.lines() - countEmptyLines(bytes));
    assertEquals(8, r.malformedCount());
    assertEquals(List.of(34079L, 34080L, 38201L, 38202L, 57239L, 57240L, 57916L, 57917L),
        r.malformed().stream().map(MalformedLine::lineNumber).collect(Collectors.toList()));
    assertTrue(r.malformed().get(0).text().endsWith("/1736717639.ask.share.soon"));
    assertEquals("empty line", r.malformed().get(1).reason());
    assertEquals(966_341, r.profile().total(0));
  }

  @Test
  void writingItBackGivesOnlyWellFormedLinesWithTheSameTotal() throws IOException {
    CollapsedResult r;
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      r = CollapsedReader.read(in, CollapsedOptions.defaults());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CollapsedWriter.write(r.profile(), 0, out);
    CollapsedResult again = CollapsedReader.read(
        new ByteArrayInputStream(out.toByteArray()), CollapsedOptions.defaults());
    assertEquals(0, again.malformedCount());
    assertEquals(r.profile().samples().size(), again.lines());
    assertEquals(966_341, again.profile().total(0));
    assertEquals(r.profile().samples(), again.profile().samples());
  }

  private static long countEmptyLines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.lines().filter(String::isEmpty).count();
  }
}
