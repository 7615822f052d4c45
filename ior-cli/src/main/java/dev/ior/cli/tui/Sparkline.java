// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/**
 * A bounded history of one rate (a value per snapshot) drawn as a sparkline of block
 * characters, newest on the right, scaled to the largest value shown.
 */
final class Sparkline {
  private static final char[] BARS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  private final double[] values;
  private int size;
  private int next;

  Sparkline(int capacity) {
    values = new double[capacity];
  }

  void add(double v) {
    values[next] = v;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  void clear() {
    size = 0;
    next = 0;
  }

  /** The newest value, or 0. */
  double last() {
    return size == 0 ? 0 : values[(next - 1 + values.length) % values.length];
  }

  /** The newest {@code width} values as bars, right-aligned. */
  String render(int width) {
    int n = Math.min(width, size);
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, at(n - 1 - i));
    }
    StringBuilder sb = new StringBuilder(" ".repeat(Math.max(0, width - n)));
    for (int i = n - 1; i >= 0; i--) {
      double v = at(i);
      // Any non-zero value gets at least the lowest bar, so that activity is never invisible.
      int level = max <= 0 || v <= 0 ? 0 : Math.max(1, (int) Math.round(v / max * 8));
      sb.append(BARS[level]);
    }
    return sb.toString();
  }

  /** The value {@code back} snapshots ago (0 = newest). */
  private double at(int back) {
    return values[(next - 1 - back + 2 * values.length) % values.length];
  }
}
