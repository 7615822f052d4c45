// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

/**
 * Makes names safe to print: control characters always become {@code \xNN} (a path may contain
 * a newline, which would otherwise forge a line of output), and on terminals bidirectional
 * overrides and isolates become {@code \u202E}-style escapes so that a file name cannot
 * reorder what the user sees. Backslashes are doubled so the escaping is reversible.
 *
 * <pre>{@code
 * new TextEscaper(true).append(sb, "evil\u202Etxt.exe"); // evil\u202Etxt.exe, literally
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

  /** Appends {@code s} escaped (nothing for null). */
  public void append(StringBuilder sb, String s) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append("\\x").append(hex(c >> 4)).append(hex(c));
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (terminal && isBidi(c)) {
        sb.append("\\u").append(hex(c >> 12)).append(hex(c >> 8)).append(hex(c >> 4))
            .append(hex(c));
      } else {
        sb.append(c);
      }
    }
  }

  /** Whether {@code c} is a bidi embedding, override, isolate or mark. */
  static boolean isBidi(char c) {
    return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E
        || c == 0x200F || c == 0x061C;
  }

  private static char hex(int v) {
    return "0123456789abcdef".charAt(v & 0xf);
  }
}
