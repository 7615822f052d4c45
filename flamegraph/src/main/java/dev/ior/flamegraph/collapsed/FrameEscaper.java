// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.text.NameEscaper;

/**
 * Escapes frame names so that a folded line always stays one line with the right frames and the
 * right count in our reader, flamegraph.pl and inferno, and reverses it. Real file names contain
 * line breaks, semicolons, bytes that are not UTF-8 and endings like {@code report 2024};
 * written raw they split a line or a frame, merge two names, or lend the line a second count.
 *
 * <p>On top of {@link NameEscaper} ({@code \\}, {@code \xNN} for controls and non-UTF-8 bytes,
 * <code>&#92;uNNNN</code> for C1 controls and line separators):
 *
 * <ul>
 *   <li>{@code ;} becomes {@code \x3b} (it separates frames)
 *   <li>a trailing space becomes {@code \x20} (inferno trims it off the last frame)
 *   <li>a frame that ends in a space and a number ({@code report 2024}, {@code v 1.5}) gets the
 *       suffix {@value #GUARD}: flamegraph.pl and inferno would otherwise read the number as the
 *       first count of a differential line. Both drop a {@code _[w]} ("waker") annotation when
 *       they show a frame, so they show {@code report 2024}; it changes colours only in
 *       flamegraph.pl's {@code --colors chain} mode. A name that itself ends in such a number and
 *       {@code _[w]} gets one more, so the reader can always take exactly one away.
 * </ul>
 *
 * <pre>{@code
 * FrameEscaper.escape("a;b\nc");        // a\x3bb\x0ac
 * FrameEscaper.escape("report 2024");   // report 2024_[w]
 * FrameEscaper.unescape("a\\x3bb");     // a;b
 * }</pre>
 */
public final class FrameEscaper {
  /** The annotation appended to frames that end in a space and a number. */
  public static final String GUARD = "_[w]";

  private static final NameEscaper FILE = NameEscaper.TEXT.alsoEscaping(';');
  private static final NameEscaper TERMINAL = NameEscaper.TERMINAL.alsoEscaping(';');

  private FrameEscaper() {}

  /**
   * {@return true when {@code name} is written unchanged by {@link #escape}}
   *
   * @param name a frame's name
   */
  public static boolean isPlain(String name) {
    return escape(name) == name;
  }

  /**
   * {@return the escaped form of {@code name}; returns {@code name} itself when nothing needs
   * escaping}
   *
   * @param name a frame's name
   */
  public static String escape(String name) {
    return escape(name, false);
  }

  /**
   * {@return the escaped form of {@code name}; with {@code terminal} bidi controls are escaped too
   * ({@link NameEscaper#TERMINAL}), for folded text shown on a terminal}
   *
   * @param name a frame's name
   * @param terminal whether the text is for a terminal
   */
  public static String escape(String name, boolean terminal) {
    String e = (terminal ? TERMINAL : FILE).escape(name);
    if (e.endsWith(" ")) {
      e = e.substring(0, e.length() - 1) + "\\x20";
    }
    return endsInCount(e, coreEnd(e)) ? e + GUARD : e;
  }

  /**
   * Reverses {@link #escape}: takes one {@value #GUARD} off a frame that ends in a space, a
   * number and the suffix, then reverses {@link NameEscaper#escape} ({@link
   * NameEscaper#unescape}, which keeps unknown backslash sequences as they are).
   *
   * @param text an escaped frame as written in folded stacks
   * @return the frame's name
   */
  public static String unescape(String text) {
    int core = coreEnd(text);
    if (core < text.length() && endsInCount(text, core)) {
      text = text.substring(0, text.length() - GUARD.length());
    }
    return NameEscaper.unescape(text);
  }

  /** Where {@code s} ends without all of its trailing {@value #GUARD} suffixes. */
  private static int coreEnd(String s) {
    int end = s.length();
    while (s.startsWith(GUARD, end - GUARD.length()) && end >= GUARD.length()) {
      end -= GUARD.length();
    }
    return end;
  }

  /**
   * Whether {@code s[0, end)} ends in a space and a run of digits and dots holding a digit: what
   * flamegraph.pl ({@code \s+?(\d+(?:\.\d*)?)$}) or inferno would take for a count.
   */
  private static boolean endsInCount(String s, int end) {
    int i = end;
    boolean digit = false;
    while (i > 0) {
      char c = s.charAt(i - 1);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.') {
        break;
      }
      i--;
    }
    return digit && i > 0 && s.charAt(i - 1) == ' ';
  }
}
