// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.tree.FrameTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Structure of the SVG: frames, geometry proportional to values, tooltips, options, golden. */
class SvgRendererTest {
  /** A producer's palette: the library itself knows no frame kinds. */
  static final Palette KINDS = Palette.hot().withKind("syscall", 0, 28).withKind("path", 190, 30)
      .withKind("process", 95, 40);

  static StackProfile sample() {
    return StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(List.of(Frame.of("bash", "process"), Frame.of("/etc", "path"),
            Frame.of("read", "syscall")), Map.of(), 600)
        .add(List.of(Frame.of("bash", "process"), Frame.of("/etc", "path"),
            Frame.of("openat", "syscall")), Map.of(), 200)
        .add(List.of(Frame.of("bash", "process")), Map.of(), 100)
        .add(List.of(Frame.of("cat <&\"x\">\n", "process"), Frame.of("read", "syscall")),
            Map.of(), 100)
        .build();
  }

  static String render(StackProfile p, SvgOptions o) {
    return SvgRenderer.renderToString(FrameTree.of(p, 0), o);
  }

  @Test
  void everyFrameIsDrawnWithWidthProportionalToItsValue() throws Exception {
    SvgDom dom = new SvgDom(render(sample(), SvgOptions.defaults()));
    List<SvgDom.FrameBox> frames = dom.frames();
    // all, bash, /etc, openat, read, cat..., read
    assertEquals(7, frames.size());
    assertEquals("all (1,000 samples, 100%)", frames.get(0).title());
    assertEquals("1000", dom.byId("frames").getAttribute("data-total"));
    double perUnit = 1180.0 / 1000;
    for (SvgDom.FrameBox f : frames) {
      assertEquals(f.value() * perUnit, f.width(), 0.006, f.title());
    }
    assertEquals(List.of("all", "bash", "/etc", "openat", "read", "cat <&\"x\">\\x0a", "read"),
        frames.stream().map(SvgDom.FrameBox::name).collect(Collectors.toList()));
    assertEquals("read (600 samples, 60.00%)", frames.get(4).title());
  }

  @Test
  void childrenSitSideBySideFromTheirParentAndOneRowAbove() throws Exception {
    List<SvgDom.FrameBox> f = new SvgDom(render(sample(), SvgOptions.defaults())).frames();
    SvgDom.FrameBox all = f.get(0);
    SvgDom.FrameBox bash = f.get(1);
    SvgDom.FrameBox etc = f.get(2);
    SvgDom.FrameBox openat = f.get(3);
    SvgDom.FrameBox read = f.get(4);
    SvgDom.FrameBox cat = f.get(5);
    assertEquals(10, all.x(), 1e-9);
    assertEquals(all.x(), bash.x(), 0.006);
    assertEquals(bash.x() + bash.width(), cat.x(), 0.006);
    assertEquals(openat.x() + openat.width(), read.x(), 0.006);
    assertEquals(all.y() - 16, bash.y(), 1e-9);
    assertEquals(bash.y() - 16, etc.y(), 1e-9);
  }

  @Test
  void invertedPutsTheRootOnTop() throws Exception {
    List<SvgDom.FrameBox> f =
        new SvgDom(render(sample(), SvgOptions.defaults().withInverted(true))).frames();
    assertTrue(f.get(0).y() < f.get(1).y());
    assertEquals(f.get(0).y() + 16, f.get(1).y(), 1e-9);
  }

  @Test
  void titleSubtitleCountNameAndLegend() throws Exception {
    SvgOptions o = SvgOptions.defaults().withTitle("I/O <by> path").withSubtitle("host earth")
        .withCountName("syscalls").withPalette(KINDS);
    SvgDom dom = new SvgDom(render(sample(), o));
    assertEquals("I/O <by> path", dom.byId("title").getTextContent());
    assertEquals("host earth", dom.byId("subtitle").getTextContent());
    assertEquals("all (1,000 syscalls, 100%)", dom.frames().get(0).title());
    String legend = dom.byId("legend").getTextContent();
    assertTrue(legend.contains("path") && legend.contains("process") && legend.contains("syscall"),
        legend);
    assertEquals(null, new SvgDom(render(sample(), o.withLegend(false))).byId("legend"));
  }

  @Test
  void coloursFollowKindsAndAreStable() throws Exception {
    List<SvgDom.FrameBox> f =
        new SvgDom(render(sample(), SvgOptions.defaults().withPalette(KINDS))).frames();
    // Same name and kind, different places: same colour. Different kinds: different hues.
    assertEquals(f.get(4).fill(), f.get(6).fill());
    assertNotEquals(f.get(1).fill(), f.get(2).fill());
    Set<String> hot = new HashSet<>();
    SvgDom plain = new SvgDom(render(sample(), SvgOptions.defaults()));
    plain.frames().forEach(b -> hot.add(b.fill()));
    assertTrue(hot.stream().allMatch(c -> Integer.parseInt(c.substring(1, 3), 16) >= 205),
        "the default, flamegraph.pl's hot, is warm (strong red): " + hot);
    assertEquals(null, plain.byId("legend"), "no kind coloured: no legend");
    Set<String> io = new HashSet<>();
    new SvgDom(render(sample(), SvgOptions.defaults().withPalette(Palette.scheme("io"))))
        .frames().forEach(b -> io.add(b.fill()));
    assertTrue(io.stream().allMatch(c -> Integer.parseInt(c.substring(5, 7), 16) >= 190),
        "io is blue: " + io);
    assertThrows(IllegalArgumentException.class, () -> Palette.scheme("rainbow"));
  }

  @Test
  void javaPaletteColoursByNameAndAnnotation() {
    Palette java = Palette.scheme("java");
    int kernelRed = Integer.parseInt(java.fill("do_sys_open_[k]", "").substring(1, 3), 16);
    int kernelBlue = Integer.parseInt(java.fill("do_sys_open_[k]", "").substring(5, 7), 16);
    assertTrue(kernelRed >= 190 && kernelBlue == 0, "kernel frames are orange");
    int jitGreen = Integer.parseInt(java.fill("Lcom/x/Y;::run_[j]", "").substring(3, 5), 16);
    assertTrue(jitGreen >= 200, "JIT frames are green");
    assertEquals("#a0a0a0", java.fill("--", ""));
  }

  @Test
  void labelsAreCutToFitOrLeftOut() throws Exception {
    List<SvgDom.FrameBox> f = new SvgDom(render(sample(),
        SvgOptions.defaults().withWidth(200))).frames();
    // 180 px for 1000 samples: "openat" (200) gets 36 px, room for 4 characters at 12 px.
    assertEquals("op..", f.get(3).label());
    assertEquals("all", f.get(0).label());
    SvgDom.FrameBox cat = f.get(5); // 18 px: too narrow for a label
    assertEquals("", cat.label());
  }

  @Test
  void narrowFramesAreMergedAndTotalsUnchanged() throws Exception {
    StackProfile.Builder b = StackProfile.builder(List.of(new SampleType("samples", "count")));
    b.add(List.of(Frame.of("big")), Map.of(), 100_000);
    for (int i = 0; i < 50; i++) {
      b.add(List.of(Frame.of("tiny" + i)), Map.of(), 5); // 0.0059 px each
    }
    SvgStats stats = SvgRenderer.render(FrameTree.of(b.build(), 0), SvgOptions.defaults(),
        new java.io.ByteArrayOutputStream());
    assertEquals(3, stats.frames()); // all, big, the aggregate
    assertEquals(1, stats.mergedFrames());
    assertEquals(100_250, stats.total());
    List<SvgDom.FrameBox> f = new SvgDom(render(b.build(), SvgOptions.defaults())).frames();
    assertEquals("50 frames merged (250 samples, 0.25%)", f.get(2).title());
  }

  @Test
  void outputIsByteStableAndWellFormedForAnyName() throws Exception {
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(List.of(Frame.of("nul\u0000 bell\u0007 ]]> \ud83d\ude00 \ufffe")), Map.of(), 1)
        .build();
    String a = render(p, SvgOptions.defaults());
    assertEquals(a, render(p, SvgOptions.defaults()));
    SvgDom dom = new SvgDom(a);
    assertEquals("nul\\x00 bell\\x07 ]]> \ud83d\ude00 \\ufffe", dom.frames().get(1).name());
  }

  @Test
  void namesDifferingOnlyInBytesThatAreNotUtf8AreTwoFramesShownEscaped() throws Exception {
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(List.of(Frame.of("f\udcff \\ x")), Map.of(), 600)
        .add(List.of(Frame.of("f\udcfe \\ x")), Map.of(), 400)
        .build();
    List<SvgDom.FrameBox> f = new SvgDom(render(p, SvgOptions.defaults())).frames();
    assertEquals(List.of("all", "f\\xfe \\\\ x", "f\\xff \\\\ x"), // siblings sort by name
        f.stream().map(SvgDom.FrameBox::name).collect(Collectors.toList()));
    assertEquals("f\\xff \\\\ x", f.get(2).label());
  }

  @Test
  void goldenSvg() throws Exception {
    String svg = render(sample(), SvgOptions.defaults().withTitle("golden").withSubtitle("sub")
        .withPalette(KINDS));
    Path golden = Path.of("src/test/resources/dev/ior/flamegraph/svg/sample.svg");
    if ("1".equals(System.getenv("IOR_UPDATE_GOLDEN")) || Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, svg, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), svg,
        "golden SVG changed; review, then rerun with IOR_UPDATE_GOLDEN=1 to accept");
  }
}
