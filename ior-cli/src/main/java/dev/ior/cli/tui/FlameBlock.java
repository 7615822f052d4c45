// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.util.List;

/**
 * One laid-out frame of the terminal flame graph.
 *
 * @param depth 0 for the root (or the zoomed frame), growing towards the leaves
 * @param col first column
 * @param width columns (at least 1)
 * @param name frame name
 * @param value the metric's value
 * @param path frame names from the real root down to this frame (empty for the root)
 */
record FlameBlock(int depth, int col, int width, String name, long value, List<String> path) {
  FlameBlock {
    path = List.copyOf(path);
  }
}
