// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.ior.flamegraph.text.NameEscaper;

/** A {@link Canvas} on a lanterna screen's back buffer; styles become ANSI colours. */
final class LanternaCanvas implements Canvas {
  private final TextGraphics g;
  private final TerminalSize size;

  LanternaCanvas(TextGraphics g, TerminalSize size) {
    this.g = g;
    this.size = size;
  }

  @Override
  public int width() {
    return size.getColumns();
  }

  @Override
  public int height() {
    return size.getRows();
  }

  @Override
  public void put(int col, int row, String text, Style style) {
    if (row < 0 || row >= height() || col >= width()) {
      return;
    }
    apply(style);
    // Views escape the names they show; this is the last line of defence: lanterna throws on a
    // control character, so one left in any text must not take the dashboard down.
    String safe = NameEscaper.TERMINAL.escapeUnprintable(text);
    g.putString(col, row, safe.length() > width() - col ? safe.substring(0, width() - col)
        : safe);
  }

  private void apply(Style style) {
    g.clearModifiers();
    g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
    switch (style) {
      case HEADER:
        g.enableModifiers(SGR.BOLD);
        g.setForegroundColor(TextColor.ANSI.CYAN);
        break;
      case SELECTED:
        g.enableModifiers(SGR.REVERSE);
        break;
      case DIM:
        g.setForegroundColor(TextColor.ANSI.YELLOW);
        break;
      case ALERT:
        g.setForegroundColor(TextColor.ANSI.RED);
        g.enableModifiers(SGR.BOLD);
        break;
      case BLOCK1:
        g.setBackgroundColor(TextColor.ANSI.RED);
        g.setForegroundColor(TextColor.ANSI.WHITE);
        break;
      case BLOCK2:
        g.setBackgroundColor(TextColor.ANSI.YELLOW);
        g.setForegroundColor(TextColor.ANSI.BLACK);
        break;
      default:
        break;
    }
  }
}
