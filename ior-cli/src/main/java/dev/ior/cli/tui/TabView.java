// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.ior.core.live.LiveSnapshot;
import java.util.List;

/** One tab of the dashboard: draws a snapshot into its area and handles its own keys. */
interface TabView {
  /** The tab's name in the tab bar. */
  String title();

  /** Draws {@code s} into rows {@code top .. top + rows - 1} of {@code c}. */
  void draw(Canvas c, int top, int rows, LiveSnapshot s);

  /**
   * Handles a key the dashboard did not take, on the snapshot shown (so that a key acts on the
   * rows the user sees even before the next draw); false when the key means nothing here.
   */
  boolean handle(KeyStroke k, LiveSnapshot s);

  /** The tab's own keys, for the status line. */
  String hint();

  /** The table this tab shows, header row first, for CSV export; null when it has none. */
  default List<List<String>> table(LiveSnapshot s) {
    return null;
  }
}
