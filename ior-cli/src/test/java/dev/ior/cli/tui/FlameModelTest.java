// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static dev.ior.cli.tui.TuiPairs.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ior.core.live.FlowStats;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Layout, frame orders, metrics, zoom and selection of the terminal flame graph. */
class FlameModelTest {
  private static final List<FlowStats> FLOWS = List.of(
      flow("db", "read", "/a", 60),
      flow("db", "write", "/a", 20),
      flow("sh", "read", "/b", 20));

  private static String row(List<FlameBlock> blocks, int depth) {
    return blocks.stream().filter(b -> b.depth() == depth)
        .map(b -> b.name() + "@" + b.col() + "+" + b.width()).collect(Collectors.joining(" "));
  }

  @Test
  void widthsAreProportionalAndChildrenSortedByName() {
    FlameModel m = new FlameModel();
    List<FlameBlock> b = m.layout(FLOWS, 100, 10);
    assertEquals("all@0+100", row(b, 0));
    assertEquals("db@0+80 sh@80+20", row(b, 1));
    assertEquals("read@0+60 write@60+20 read@80+20", row(b, 2));
    assertEquals("/a@0+60 /a@60+20 /b@80+20", row(b, 3));
    assertEquals("", row(b, 4));
    assertEquals(List.of("db", "write", "/a"), b.stream()
        .filter(x -> x.depth() == 3 && x.col() == 60).findFirst().orElseThrow().path());
  }

  @Test
  void narrowFramesDisappearAndDepthIsCapped() {
    FlameModel m = new FlameModel();
    List<FlameBlock> b = m.layout(FLOWS, 4, 2);
    assertEquals("db@0+3 sh@3+1", row(b, 1));
    assertEquals("", row(b, 2), "maxDepth 2: root and one level");
    List<FlameBlock> tiny = m.layout(List.of(flow("a", "read", "/x", 1),
        flow("b", "read", "/y", 999)), 10, 5);
    assertEquals("b@0+10", row(tiny, 1), "a frame under one column is left out");
  }

  @Test
  void orderAndMetricCycle() {
    FlameModel m = new FlameModel();
    m.cycleOrder();
    assertEquals(List.of(FrameField.SYSCALL, FrameField.FILE, FrameField.COMM), m.order());
    assertEquals("read@0+80 write@80+20", row(m.layout(FLOWS, 100, 10), 1));
    m.cycleMetric();
    assertEquals(FlameMetric.TIME, m.metric());
    m.cycleMetric();
    m.cycleMetric();
    assertEquals(FlameMetric.COUNT, m.metric());
    for (int i = 1; i < FlameModel.ORDERS.size(); i++) {
      m.cycleOrder();
    }
    assertEquals(List.of(FrameField.COMM, FrameField.SYSCALL, FrameField.FILE), m.order());
  }

  @Test
  void selectZoomInAndOut() {
    FlameModel m = new FlameModel();
    m.layout(FLOWS, 100, 10);
    m.move(1, 0);                       // up: the widest child of the root
    assertEquals(List.of("db"), m.selected());
    m.move(0, 1);                       // right: the neighbour
    assertEquals(List.of("sh"), m.selected());
    m.move(0, -1);
    m.move(1, 0);
    assertEquals(List.of("db", "read"), m.selected());
    m.zoomIn();
    List<FlameBlock> zoomed = m.layout(FLOWS, 100, 10);
    assertEquals("read@0+100", row(zoomed, 0));
    assertEquals("/a@0+100", row(zoomed, 1));
    assertEquals(List.of("db", "read"), zoomed.get(0).path());
    assertNull(m.find(List.of("sh")), "frames outside the zoom are not laid out");
    m.zoomOut();
    assertEquals(List.of("db"), m.zoom());
    m.zoomOut();
    assertFalse(m.zoomOut(), "already at the root");
  }
}
