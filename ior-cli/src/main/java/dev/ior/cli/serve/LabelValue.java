// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.flamegraph.text.NameEscaper;

/**
 * A name (comm, container) as a Prometheus label value: first the one reversible escape every
 * output of ior uses ({@link NameEscaper#TEXT}: control bytes and bytes that were not UTF-8
 * become {@code \xNN}, a backslash {@code \\}), so that two names that differ in any byte are two
 * label values, no control byte reaches a terminal that shows {@code /metrics}, and {@link
 * NameEscaper#unescape} of the value a scraper stores gives the name's bytes back. The result
 * is plain valid UTF-8 without control characters; the exposition formats then apply their own
 * quoting ({@code \\}, {@code \"}) on top, which the scraper undoes.
 */
final class LabelValue {
  private LabelValue() {}

  /** The label value of {@code name}. */
  static String of(String name) {
    return NameEscaper.TEXT.escape(name);
  }

  /** Appends {@code value} quoted for the text formats: {@code \\}, {@code \"}, {@code \n}. */
  static void quote(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case '"':
          out.append("\\\"");
          break;
        case '\n':
          out.append("\\n");
          break;
        default:
          out.append(c);
      }
    }
  }
}
