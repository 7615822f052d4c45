// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.flamegraph.text.NameEscaper;

/**
 * How the dashboard shows a comm or file name: escaped for a terminal ({@link
 * NameEscaper#TERMINAL}), as the stream prints it, so that a control character in a name can
 * neither break the screen nor reorder it, and names that differ only in bytes that are not
 * UTF-8 look different. Searches and CSV exports see the same text.
 */
final class Names {
  private Names() {}

  /** {@code name} as shown; "" for null. */
  static String shown(String name) {
    return name == null ? "" : NameEscaper.TERMINAL.escape(name);
  }
}
