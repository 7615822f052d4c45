// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import dev.ior.flamegraph.text.NameEscaper;

/**
 * Writes names escaped by {@link NameEscaper} straight into a {@link LineBuffer}, without
 * allocating: control characters become {@code \xNN} (a path may contain a newline, which would
 * otherwise forge a line of output), a byte that is not UTF-8 becomes {@code \xNN} of that byte,
 * backslashes are doubled so the escaping is reversible, and on terminals bidirectional overrides
 * and isolates become <code>&#92;u202e</code>-style escapes so that a file name cannot reorder
 * what the user sees.
 *
 * <pre>{@code
 * new TextEscaper(true).append(buffer, "invoice\u202Efdp.exe"); // invoice\u202efdp.exe
 * }</pre>
 */
public final class TextEscaper {
  private final NameEscaper names;

  /** An escaper; {@code terminal} also escapes bidi controls. */
  public TextEscaper(boolean terminal) {
    this.names = NameEscaper.of(terminal);
  }

  /** Appends {@code s} escaped, as UTF-8 (nothing for null). */
  public void append(LineBuffer b, String s) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); ) {
      int e = names.classify(s, i);
      if (e == NameEscaper.KEEP) {
        i += b.utf8(s, i);
        continue;
      }
      if (e == NameEscaper.BACKSLASH) {
        b.ascii('\\').ascii('\\');
      } else if (e < NameEscaper.UNICODE) {
        b.hexEscape((char) e);
      } else {
        b.unicodeEscape((char) e);
      }
      i++;
    }
  }
}
