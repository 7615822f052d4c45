// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.io.Json;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.Palette;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.testing.MiniJson;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's embedded data, its escaping, and the template filling. */
class HtmlRendererTest {
  static StackProfile sample() {
    return StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(List.of(Frame.of("bash", "process"), Frame.of("read", "syscall")), Map.of(), 6)
        .add(List.of(Frame.of("bash", "process"), Frame.of("</script><b>", "path")), Map.of(), 3)
        .add(List.of(Frame.of("cat", "process")), Map.of(), 1)
        .build();
  }

  static String page(FrameTree tree, SvgOptions o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlStats stats = HtmlRenderer.render(tree, o, out);
    assertEquals(out.size(), stats.bytes());
    return out.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(String page) {
    String open = "<script id=\"data\" type=\"application/json\">";
    int from = page.indexOf(open) + open.length();
    return (Map<String, Object>) MiniJson.parse(page.substring(from, page.indexOf("</script>",
        from)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void embedsEveryFrameInPreOrderWithNamesAndColours() throws IOException {
    String page = page(FrameTree.of(sample(), 0), SvgOptions.defaults().withTitle("T <1>")
        .withPalette(Palette.hot().withKind("path", 190, 30).withKind("syscall", 0, 28)));
    Map<String, Object> d = data(page);
    List<Object> names = (List<Object>) d.get("names");
    List<Object> f = (List<Object>) d.get("frames");
    assertEquals(5 * 4, f.size()); // all, bash, </script><b>, read, cat
    String[] expected = {"all", "bash", "</script><b>", "read", "cat"};
    int[] depths = {0, 1, 2, 2, 1};
    int[] values = {10, 9, 3, 6, 1};
    for (int i = 0; i < 5; i++) {
      assertEquals(depths[i], ((Double) f.get(i * 4)).intValue());
      assertEquals(expected[i], names.get(((Double) f.get(i * 4 + 1)).intValue()));
      assertEquals(values[i], ((Double) f.get(i * 4 + 2)).intValue());
    }
    assertEquals(10.0, d.get("total"));
    assertEquals(false, d.get("diff"));
    assertTrue(page.contains("<title>T &lt;1&gt;</title>"));
    assertFalse(page.contains("@@"), "all placeholders filled");
    assertEquals(2, page.split("</script>", -1).length - 1, "names cannot close the script");
    assertTrue(page.contains("</span>path <span") && page.contains("</span>syscall "), page);
  }

  @Test
  @SuppressWarnings("unchecked")
  void differentialPagesCarryTheBaseline() throws IOException {
    StackProfile before = StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(List.of(Frame.of("a")), Map.of(), 4).build();
    StackProfile after = StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(List.of(Frame.of("a")), Map.of(), 10).build();
    Map<String, Object> d = data(page(FrameTree.diff(before, 0, after, 0, false),
        SvgOptions.defaults()));
    assertEquals(true, d.get("diff"));
    List<Object> f = (List<Object>) d.get("frames");
    assertEquals(List.of(0.0, 0.0, 10.0, 0.0, 4.0, 1.0, 1.0, 10.0, 0.0, 4.0), f);
    assertEquals(List.of("#ff0000"), d.get("colors"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void namesAreShownEscapedSoBytesThatAreNotUtf8StayApart() throws IOException {
    StackProfile p = StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(List.of(Frame.of("a\udcff")), Map.of(), 2)
        .add(List.of(Frame.of("a\udcfe\n")), Map.of(), 1)
        .build();
    List<Object> names = (List<Object>) data(page(FrameTree.of(p, 0), SvgOptions.defaults()))
        .get("names");
    assertEquals(List.of("all", "a\\xfe\\x0a", "a\\xff"), names); // siblings sort by name
  }

  @Test
  void templateFillingIsStrict() {
    assertEquals("a1b2c", HtmlRenderer.fill("a@@b@@c", "1", "2"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> HtmlRenderer.fill("a@@b", "1", "2"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> HtmlRenderer.fill("a@@b@@", "1"));
  }

  @Test
  void jsonEscapesEverythingAParserCouldTripOn() {
    StringBuilder b = new StringBuilder();
    Json.string(b, "q\" b\\ <x> & \n \u2028 \ud800 ok \ud83d\ude00");
    assertEquals("\"q\\\" b\\\\ \\u003cx\\u003e \\u0026 \\u000a \\u2028 \\ud800 ok \ud83d\ude00\"",
        b.toString());
    assertEquals("q\" b\\ <x> & \n \u2028 \ud800 ok \ud83d\ude00", MiniJson.parse(b.toString()));
  }
}
