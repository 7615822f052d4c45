// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

/**
 * Frame names from HotSpot's perf-map entries: a compiled method ({@code void
 * IoWork.appendLog(byte[])}, with optional {@code [c1]}/{@code [c2]}-style tiers on newer JDKs)
 * becomes {@code IoWork.appendLog}; the template interpreter's code becomes {@code
 * [interpreted]}; other stubs keep their name in brackets.
 */
final class JavaFrames {
  private JavaFrames() {}

  static String name(String entry) {
    String e = entry.strip();
    if (e.equals("Interpreter") || e.startsWith("Interpreter ")) {
      return "[interpreted]";
    }
    int paren = e.indexOf('(');
    if (paren < 0) {
      return "[" + e + "]";
    }
    String head = e.substring(0, paren);
    int space = head.lastIndexOf(' ');
    String method = space < 0 ? head : head.substring(space + 1);
    return method.isEmpty() || method.indexOf('.') < 0 ? "[" + head.strip() + "]" : method;
  }
}
