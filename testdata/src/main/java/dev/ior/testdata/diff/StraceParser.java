// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code strace -f -y -qq -X raw -e signal=none -o FILE}: one call per line,
 * {@code <unfinished ...>} and {@code <... resumed>} halves joined (an execve resumed under the
 * leader's pid after a non-leader thread's exec is joined to the thread that entered it).
 */
public final class StraceParser {
  private static final Pattern LINE = Pattern.compile("^(\\d+) +(.*)$");
  private static final Pattern CALL = Pattern.compile("^([a-z0-9_]+)\\((.*)$");
  private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)$");
  private static final Pattern RESULT = Pattern.compile(
      "^(.*)\\) += (-?\\d+|0x[0-9a-f]+|\\?)(?:<([^>]*)>)?(\\(deleted\\))?(?: ([A-Z][A-Z0-9_]+))?"
          + "(?: \\(.*\\))?$");
  /** A call's first half: {@code <unfinished ...>}, or an execve whose thread became the leader. */
  private static final Pattern UNFINISHED = Pattern.compile(
      "^(.*?) ?<(?:unfinished \\.\\.\\.|pid changed to \\d+ \\.\\.\\.)>$");
  /** strace's names where they differ from the kernel's (ior's). */
  private static final Map<String, String> ALIASES = Map.of("sendfile", "sendfile64",
      "fstat", "newfstat", "stat", "newstat", "lstat", "newlstat", "umount2", "umount");

  /** {@return strace's name for the syscall ior calls {@code iorName}, for its -e trace=} */
  static String straceName(String iorName) {
    return ALIASES.entrySet().stream().filter(e -> e.getValue().equals(iorName))
        .map(Map.Entry::getKey).findFirst().orElse(iorName);
  }

  private StraceParser() {}

  /** The calls in {@code text}, in strace's order (a call's place is where it was entered). */
  public static List<Call> parse(String text) {
    List<Call> calls = new ArrayList<>();
    Map<Integer, Integer> pending = new HashMap<>(); // tid -> index in calls of an unfinished one
    Map<Integer, String> pendingText = new HashMap<>();
    for (String raw : text.split("\n")) {
      Matcher lm = LINE.matcher(raw);
      if (!lm.matches()) {
        continue;
      }
      int tid = Integer.parseInt(lm.group(1));
      String rest = lm.group(2);
      Matcher resumed = RESUMED.matcher(rest);
      if (resumed.matches()) {
        Integer at = pending.remove(tid);
        int owner = tid;
        if (at == null) {
          for (Map.Entry<Integer, Integer> e : pending.entrySet()) {
            if (calls.get(e.getValue()) == null
                && pendingText.get(e.getKey()).startsWith(resumed.group(1) + "(")) {
              owner = e.getKey();
              at = e.getValue();
            }
          }
          if (at == null) {
            continue;
          }
          pending.remove(owner);
        }
        String whole = pendingText.remove(owner) + resumed.group(2);
        calls.set(at, call(owner, whole, raw));
        continue;
      }
      Matcher unfinished = UNFINISHED.matcher(rest);
      if (unfinished.matches()) {
        pending.put(tid, calls.size());
        pendingText.put(tid, unfinished.group(1).strip());
        calls.add(null);
        continue;
      }
      Call c = call(tid, rest, raw);
      if (c != null) {
        calls.add(c);
      }
    }
    calls.removeIf(c -> c == null);
    return calls;
  }

  private static Call call(int tid, String text, String line) {
    Matcher cm = CALL.matcher(text);
    if (!cm.matches()) {
      return null;
    }
    Matcher rm = RESULT.matcher(cm.group(2));
    if (!rm.matches()) {
      return null;
    }
    String name = ALIASES.getOrDefault(cm.group(1), cm.group(1));
    long ret;
    String r = rm.group(2);
    String errno = rm.group(5);
    if (r.equals("?")) {
      int e = errno == null ? -1 : Errnos.number(errno);
      ret = e > 0 ? -e : Call.UNKNOWN;
    } else if (r.startsWith("0x")) {
      ret = Long.parseUnsignedLong(r.substring(2), 16);
    } else {
      ret = Long.parseLong(r);
      if (ret == -1 && errno != null) {
        int e = Errnos.number(errno);
        ret = e > 0 ? -e : -1;
      }
    }
    String retName = rm.group(3);
    if (retName != null && rm.group(4) != null) {
      retName = retName + " (deleted)";
    }
    return new Call(tid, name, ret, retName, args(rm.group(1)), -1, null, null, line);
  }

  /** Splits an argument list at top-level commas; an fd's {@code <…>} decoration is kept apart. */
  static List<Call.Arg> args(String s) {
    List<Call.Arg> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String name = null;
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        text.append(ch);
        if (ch == '\\' && i + 1 < s.length()) {
          text.append(s.charAt(++i));
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
        text.append(ch);
      } else if (ch == '<' && depth == 0 && text.length() > 0
          && Character.isDigit(text.charAt(text.length() - 1))) {
        int end = s.indexOf('>', i);
        if (end < 0) {
          end = s.length() - 1;
        }
        name = s.substring(i + 1, end);
        i = end;
        if (s.startsWith("(deleted)", i + 1)) {
          name = name + " (deleted)";
          i += "(deleted)".length();
        }
      } else if (ch == '(' || ch == '[' || ch == '{') {
        depth++;
        text.append(ch);
      } else if (ch == ')' || ch == ']' || ch == '}') {
        depth--;
        text.append(ch);
      } else if (ch == ',' && depth == 0) {
        out.add(new Call.Arg(text.toString().strip(), name));
        text.setLength(0);
        name = null;
      } else {
        text.append(ch);
      }
    }
    if (text.length() > 0 || name != null) {
      out.add(new Call.Arg(text.toString().strip(), name));
    }
    return out;
  }
}
