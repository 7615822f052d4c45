// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ior.core.live.LiveSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Flame tab: {@link FlameModel}'s blocks drawn bottom-up as text (root on the last row),
 * with the frame order, metric, zoom and selected frame on top.
 */
final class FlameView implements TabView {
  private final FlameModel model = new FlameModel();

  @Override
  public String title() {
    return "Flame";
  }

  FlameModel model() {
    return model;
  }

  @Override
  public void draw(Canvas c, int top, int rows, LiveSnapshot s) {
    String order = model.order().stream().map(FrameField::label)
        .collect(Collectors.joining(" > "));
    List<FlameBlock> blocks = model.layout(s.flows(), c.width(), Math.max(1, rows - 2));
    c.put(1, top, "order: " + order + "   metric: " + model.metric().label() + "   zoom: "
        + (model.zoom().isEmpty() ? "all" : "all > " + shown(model.zoom())), Style.HEADER);
    FlameBlock sel = model.selectedBlock();
    if (sel == null) {
      c.put(1, top + 1, "(nothing traced yet)", Style.DIM);
      return;
    }
    long total = blocks.get(0).value();
    c.put(1, top + 1, Units.fit("selected: " + (sel.path().isEmpty() ? "all"
        : shown(sel.path())) + "  " + model.metric().format(sel.value())
        + String.format(Locale.ROOT, " (%.1f%%)", 100.0 * sel.value() / Math.max(1, total)),
        c.width() - 2), Style.NORMAL);
    int bottom = top + rows - 1;
    for (FlameBlock b : blocks) {
      Style st = b.path().equals(sel.path()) ? Style.SELECTED
          : (b.depth() + b.col()) % 2 == 0 ? Style.BLOCK1 : Style.BLOCK2;
      // Paths keep their end (the file name), other names their start.
      String shown = Names.shown(b.name());
      String name = shown.startsWith("/") ? Units.tail(shown, b.width() - 1).stripTrailing()
          : shown;
      String text = b.width() >= 2 ? Units.fit(name, b.width() - 1) + "|" : "|";
      c.put(b.col(), bottom - b.depth(), text, st);
    }
  }

  @Override
  public boolean handle(KeyStroke k, LiveSnapshot s) {
    switch (k.getKeyType()) {
      case ArrowUp:
        model.move(1, 0);
        return true;
      case ArrowDown:
        model.move(-1, 0);
        return true;
      case ArrowLeft:
        model.move(0, -1);
        return true;
      case ArrowRight:
        model.move(0, 1);
        return true;
      case Enter:
        model.zoomIn();
        return true;
      case Escape:
      case Backspace:
        return model.zoomOut();
      case Character:
        return character(k.getCharacter());
      default:
        return false;
    }
  }

  private boolean character(char ch) {
    if (ch == 'f') {
      model.cycleOrder();
    } else if (ch == 'm') {
      model.cycleMetric();
    } else {
      return false;
    }
    return true;
  }

  @Override
  public String hint() {
    return "f order  m metric  arrows select  Enter zoom  Esc zoom out";
  }

  /** A block path as "a > b > c", each name as {@link Names#shown} shows it. */
  private static String shown(List<String> path) {
    return path.stream().map(Names::shown).collect(Collectors.joining(" > "));
  }
}
