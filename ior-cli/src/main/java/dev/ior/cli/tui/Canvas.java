// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/**
 * Where views draw: a grid of cells. Views only put text, so they run unchanged against
 * lanterna ({@link LanternaCanvas}) and against a plain character grid in tests.
 */
interface Canvas {
  /** Columns. */
  int width();

  /** Rows. */
  int height();

  /** Writes {@code text} from (col, row); what does not fit is cut off. */
  void put(int col, int row, String text, Style style);

  /** Fills a row from {@code col} to the right edge with blanks in {@code style}. */
  default void fill(int col, int row, Style style) {
    if (col < width()) {
      put(col, row, " ".repeat(width() - col), style);
    }
  }
}
