// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Building, ordering, merging of narrow frames, differential trees. */
class FrameTreeTest {
  static StackProfile profile(String... lines) {
    StackProfile.Builder b = StackProfile.builder(List.of(new SampleType("samples", "count")));
    for (String line : lines) {
      int sp = line.lastIndexOf(' ');
      List<Frame> stack = new ArrayList<>();
      for (String f : line.substring(0, sp).split(";")) {
        stack.add(Frame.of(f));
      }
      b.add(stack, Map.of(), Long.parseLong(line.substring(sp + 1)));
    }
    return b.build();
  }

  static String dump(FrameNode n) {
    if (n.children().isEmpty()) {
      return n.name() + "=" + n.value();
    }
    return n.name() + "=" + n.value() + "{" + n.children().stream().map(FrameTreeTest::dump)
        .collect(Collectors.joining(",")) + "}";
  }

  @Test
  void mergesCommonPrefixesAndSortsChildren() {
    FrameTree t = FrameTree.of(profile("m;b;x 2", "m;a 3", "m;b 1", "z 4", "m;b;x 5"), 0);
    assertEquals("all=15{m=11{a=3,b=8{x=7}},z=4}", dump(t.root()));
    assertEquals(15, t.total());
    assertEquals(6, t.nodeCount());
    assertEquals(3, t.maxDepth());
    FrameNode b = t.root().children().get(0).children().get(1);
    assertEquals(1, b.self());
  }

  @Test
  void sameNameDifferentKindAreDifferentFrames() {
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(List.of(Frame.of("bash", "process")), Map.of(), 1)
        .add(List.of(Frame.of("bash", "path")), Map.of(), 2)
        .add(List.of(new Frame("bash", "path", "f.c", 7)), Map.of(), 3)
        .build();
    FrameTree t = FrameTree.of(p, 0);
    assertEquals(List.of("bash[path]=5", "bash[process]=1"),
        t.root().children().stream().map(FrameNode::toString).collect(Collectors.toList()));
  }

  @Test
  void builderInAnyOrderEqualsProfileTree() {
    StackProfile p = profile("a;b;c 1", "x;y 2", "a;b;d 3", "a;b 4", "a;q;c 5", "x 6");
    FrameTree.Builder b = FrameTree.builder();
    List<Integer> order = List.of(5, 2, 0, 4, 1, 3);
    for (int i : order) {
      b.add(p.samples().get(i).stack(), p.samples().get(i).value(0));
    }
    assertEquals(dump(FrameTree.of(p, 0).root()), dump(b.build().root()));
  }

  @Test
  void narrowSiblingsAreMergedAndTotalsKept() {
    FrameTree t = FrameTree.of(
        profile("r;big 100", "r;s1 3", "r;s2 4", "r;s3 2", "r;lone;deep 1", "q 9"), 0);
    FrameTree m = t.mergeNarrow(10);
    // s1, s2, s3 and lone (3+4+2+1 = 10) are each under 10 and together reach it.
    assertEquals("all=119{r=110{big=100,4 frames merged=10}}", dump(m.root()));
    FrameNode agg = m.root().children().get(0).children().get(1);
    assertTrue(agg.isMerged());
    assertEquals(4, agg.mergedFrames());
    assertEquals(FrameNode.MERGED_KIND, agg.kind());
    // q (9) alone is too narrow and too small to aggregate: dropped from children, not totals.
    assertEquals(119, m.total());
    assertEquals(9, m.root().self());
    assertValuesCover(m.root());
  }

  @Test
  void negativeAndZeroValuesAreNotDrawn() {
    StackProfile p = StackProfile.builder(List.of(new SampleType("samples", "count")))
        .add(List.of(Frame.of("a")), Map.of(), 5)
        .add(List.of(Frame.of("b")), Map.of(), -3)
        .add(List.of(Frame.of("c")), Map.of(), 0)
        .build();
    assertEquals("all=5{a=5}", dump(FrameTree.of(p, 0).root()));
  }

  @Test
  void mergeLeavesWideTreesAlone() {
    FrameTree t = FrameTree.of(profile("a;b 5", "a;c 5"), 0);
    assertEquals(dump(t.root()), dump(t.mergeNarrow(1).root()));
    assertEquals(dump(t.root()), dump(t.mergeNarrow(0).root()));
  }

  @Test
  void diffTracksBothSidesAndNormalizes() {
    StackProfile before = profile("m;a 10", "m;b 10", "m;gone 5");
    StackProfile after = profile("m;a 30", "m;b 5", "m;new 5");
    FrameTree d = FrameTree.diff(before, 0, after, 0, false);
    assertTrue(d.isDifferential());
    FrameNode m = d.root().children().get(0);
    assertEquals(40, m.value());
    assertEquals(25, m.before());
    Map<String, FrameNode> kids = m.children().stream()
        .collect(Collectors.toMap(FrameNode::name, n -> n));
    assertEquals(30, kids.get("a").value());
    assertEquals(10, kids.get("a").before());
    assertEquals(0, kids.get("gone").value());
    assertEquals(5, kids.get("gone").before());
    assertEquals(0, kids.get("new").before());

    FrameTree n = FrameTree.diff(before, 0, after, 0, true); // before scaled by 40/25
    FrameNode a = n.root().children().get(0).children().get(0);
    assertEquals(16, a.before());
    assertEquals(40, n.root().before());
  }

  private static void assertValuesCover(FrameNode n) {
    long sum = 0;
    for (FrameNode c : n.children()) {
      sum += c.value();
      assertValuesCover(c);
    }
    assertTrue(sum <= n.value(), n + " has children worth " + sum);
  }

  @Test
  void chartKeepsInputOrderAndMergesOnlyAdjacentFrames() {
    StackProfile p = profile("m;b 1", "m;a 2", "m;b 3", "z 4", "m;b 5");
    FrameTree chart = FrameTree.of(p, 0, FrameTree.chartBuilder());
    // profile() sums the two "m;b" lines it reads; a chart sees what the builder is fed.
    assertEquals("all=15{m=11{b=9,a=2},z=4}", dump(chart.root()));
    FrameTree.Builder b = FrameTree.chartBuilder();
    for (String line : List.of("m;b 1", "m;a 2", "m;b 3", "z 4", "m;b 5")) {
      b.add(profile(line).samples().get(0).stack(), Long.parseLong(line.split(" ")[1]));
    }
    assertEquals("all=15{m=6{b=1,a=2,b=3},z=4,m=5{b=5}}", dump(b.build().root()));
  }

  @Test
  void twoValueStacksMakeADifferentialTreeAndOneValueStacksCountAsUnchanged() {
    FrameTree.Builder b = FrameTree.builder();
    b.add(profile("m;a 5").samples().get(0).stack(), 5);
    assertEquals(false, b.build().isDifferential());
    b.add(profile("m;b 1").samples().get(0).stack(), 10, 4);
    FrameTree t = b.build();
    assertTrue(t.isDifferential());
    FrameNode m = t.root().children().get(0);
    assertEquals(9, m.value());
    assertEquals(15, m.before());
    assertEquals(6, t.maxDelta());
    assertEquals(0, FrameTree.of(profile("m;a 5"), 0).root().before(), "not differential");
  }

  @Test
  void totalOverrideWidensTheRootOnly() {
    FrameTree t = FrameTree.of(profile("m;a 5", "m;b 5"), 0);
    assertEquals(100, t.withTotal(100).total());
    assertEquals(90, t.withTotal(100).root().self());
    assertEquals(10, t.withTotal(7).total(), "a smaller total is ignored, as flamegraph.pl does");
  }
}
