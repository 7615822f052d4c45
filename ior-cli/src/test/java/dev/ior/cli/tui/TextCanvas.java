// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.util.Arrays;

/**
 * A {@link Canvas} of plain characters for tests: what a view draws can be read back as lines.
 */
final class TextCanvas implements Canvas {
  private final char[][] cells;
  private final Style[][] styles;

  TextCanvas(int width, int height) {
    cells = new char[height][width];
    styles = new Style[height][width];
    for (int r = 0; r < height; r++) {
      Arrays.fill(cells[r], ' ');
      Arrays.fill(styles[r], Style.NORMAL);
    }
  }

  @Override
  public int width() {
    return cells.length == 0 ? 0 : cells[0].length;
  }

  @Override
  public int height() {
    return cells.length;
  }

  @Override
  public void put(int col, int row, String text, Style style) {
    if (row < 0 || row >= height()) {
      return;
    }
    for (int i = 0; i < text.length() && col + i < width(); i++) {
      if (col + i >= 0) {
        cells[row][col + i] = text.charAt(i);
        styles[row][col + i] = style;
      }
    }
  }

  /** Row {@code r} without trailing blanks. */
  String line(int r) {
    return new String(cells[r]).stripTrailing();
  }

  /** The style of one cell. */
  Style style(int col, int row) {
    return styles[row][col];
  }

  /** All rows, trailing blanks and trailing empty rows removed. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < height(); r++) {
      sb.append(line(r)).append('\n');
    }
    return sb.toString().replaceAll("\n+$", "\n");
  }
}
