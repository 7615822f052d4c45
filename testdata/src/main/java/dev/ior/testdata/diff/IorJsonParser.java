// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code ior -format json} output (one flat object per line) into calls ordered by their
 * enter time, the order strace prints them in.
 */
public final class IorJsonParser {
  private IorJsonParser() {}

  /** The calls in {@code text}, sorted by enter time (stable). */
  public static List<Call> parse(String text) {
    List<String[]> keyed = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      Map<String, String> o = object(line);
      String ret = o.get("ret");
      Call c = new Call(Integer.parseInt(o.getOrDefault("tid", "0")), o.get("syscall"),
          ret == null ? Call.UNKNOWN : Long.parseLong(ret), null, List.of(),
          Integer.parseInt(o.getOrDefault("fd", "-1")), o.get("file"), o.get("file2"), line);
      keyed.add(new String[] {o.getOrDefault("time", ""), Integer.toString(calls.size())});
      calls.add(c);
    }
    keyed.sort(Comparator.comparing(k -> k[0]));
    List<Call> sorted = new ArrayList<>(calls.size());
    for (String[] k : keyed) {
      sorted.add(calls.get(Integer.parseInt(k[1])));
    }
    return sorted;
  }

  /** A flat JSON object: values as text (strings unescaped), JSON null as absent. */
  static Map<String, String> object(String s) {
    Map<String, String> m = new HashMap<>();
    int i = s.indexOf('{') + 1;
    while (i < s.length()) {
      int k0 = s.indexOf('"', i);
      if (k0 < 0) {
        break;
      }
      StringBuilder key = new StringBuilder();
      i = string(s, k0, key);
      i = s.indexOf(':', i) + 1;
      while (s.charAt(i) == ' ') {
        i++;
      }
      if (s.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i = string(s, i, v);
        m.put(key.toString(), v.toString());
      } else {
        int end = i;
        while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != '}') {
          end++;
        }
        String v = s.substring(i, end).strip();
        if (!v.equals("null")) {
          m.put(key.toString(), v);
        }
        i = end;
      }
      i = s.indexOf(',', i);
      if (i < 0) {
        break;
      }
      i++;
    }
    return m;
  }

  /** Reads the string starting at the quote at {@code at} into {@code out}; returns the index after it. */
  private static int string(String s, int at, StringBuilder out) {
    int i = at + 1;
    while (i < s.length() && s.charAt(i) != '"') {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(ch);
      }
      i++;
    }
    return i + 1;
  }
}
