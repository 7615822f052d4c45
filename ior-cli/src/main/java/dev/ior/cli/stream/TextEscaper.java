// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

/**
 * Makes names safe to print: control characters always become {@code \xNN} (a path may contain
 * a newline, which would otherwise forge a line of output), backslashes are doubled so the
 * escaping is reversible, and on terminals bidirectional overrides and isolates become
 * {@code \\u202e}-style escapes so that a file name cannot reorder what the user sees.
 *
 * <pre>{@code
 * new TextEscaper(true).append(buffer, "invoice\u202Efdp.exe"); // invoice\u202efdp.exe
 * }</pre>
 */
public final class TextEscaper {
  private final boolean terminal;

  /** An escaper; {@code terminal} also escapes bidi controls. */
  public TextEscaper(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether bidi controls are escaped too (output goes to a terminal). */
  public boolean terminal() {
    return terminal;
  }

  /** Appends {@code s} escaped, as UTF-8 (nothing for null). */
  public void append(LineBuffer b, String s) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.hexEscape(c);
      } else if (c == '\\') {
        b.ascii('\\').ascii('\\');
      } else if (terminal && isBidi(c)) {
        b.unicodeEscape(c);
      } else {
        i += b.utf8(s, i);
        continue;
      }
      i++;
    }
  }

  /** Whether {@code c} is a bidi embedding, override, isolate or mark. */
  static boolean isBidi(char c) {
    return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E
        || c == 0x200F || c == 0x061C;
  }
}
