// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.event.SyscallPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Stream tab's filters: a stack pushed from selected cells and popped with Esc (all must
 * match), plus a free-text search ({@code /}) over the whole line.
 */
final class FilterStack {
  private final List<StreamFilter> stack = new ArrayList<>();
  private String search = "";

  void push(StreamFilter f) {
    stack.add(f);
  }

  /** Removes the newest filter (or the search when no filter is left); false when empty. */
  boolean pop() {
    if (!stack.isEmpty()) {
      stack.remove(stack.size() - 1);
      return true;
    }
    if (!search.isEmpty()) {
      search = "";
      return true;
    }
    return false;
  }

  void search(String text) {
    search = text == null ? "" : text;
  }

  String search() {
    return search;
  }

  List<StreamFilter> filters() {
    return List.copyOf(stack);
  }

  boolean isEmpty() {
    return stack.isEmpty() && search.isEmpty();
  }

  /** Whether {@code p}, rendered as {@code line}, passes every filter and the search. */
  boolean matches(SyscallPair p, String line) {
    for (StreamFilter f : stack) {
      if (!f.matches(p)) {
        return false;
      }
    }
    return search.isEmpty()
        || line.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT));
  }

  /** "comm=db > syscall=read /err", or "" when empty. */
  String describe() {
    String s = stack.stream().map(StreamFilter::label).collect(Collectors.joining(" > "));
    if (!search.isEmpty()) {
      s = (s.isEmpty() ? "" : s + " ") + "/" + search;
    }
    return s;
  }
}
