// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Cuts one trace of a batch of programs into one call list per program. Each program starts
 * with a marker call naming it ({@code /ior-diff-marker/s<seed>}); a thread belongs to the
 * program during whose run it first appeared, or whose marker it made (the shell's child that
 * exec'd the program: its calls before the marker are dropped). Thread ids are replaced by the
 * order of first appearance within the program (1 = the program's main thread), which names the
 * same task in both tracers' runs because the programs wait for everything they start.
 */
public final class Segments {
  /** The prefix of every marker path. */
  public static final String MARKER = "/ior-diff-marker/";

  private Segments() {}

  /**
   * Splits {@code calls}.
   *
   * @param marker the program name when the call is a marker, else null
   * @return program name to its calls (tids renumbered), in marker order
   */
  public static Map<String, List<Call>> split(List<Call> calls, Function<Call, String> marker) {
    Map<String, List<Call>> segments = new LinkedHashMap<>();
    Map<Integer, String> owner = new HashMap<>();
    Set<Integer> seen = new HashSet<>();
    String current = null;
    for (Call c : calls) {
      String name = marker.apply(c);
      if (name != null) {
        String before = owner.get(c.tid());
        if (before != null) {
          segments.get(before).removeIf(x -> x.tid() == c.tid());
        }
        seen.add(c.tid());
        owner.put(c.tid(), name);
        current = name;
        segments.put(name, new ArrayList<>());
        continue;
      }
      if (seen.add(c.tid()) && current != null) {
        owner.put(c.tid(), current);
      }
      String seg = owner.get(c.tid());
      if (seg != null) {
        segments.get(seg).add(c);
      }
    }
    Map<String, List<Call>> out = new LinkedHashMap<>();
    segments.forEach((name, list) -> out.put(name, renumber(list)));
    return out;
  }

  private static List<Call> renumber(List<Call> list) {
    Map<Integer, Integer> index = new HashMap<>();
    List<Call> out = new ArrayList<>(list.size());
    for (Call c : list) {
      int t = index.computeIfAbsent(c.tid(), k -> index.size() + 1);
      out.add(new Call(t, c.syscall(), c.ret(), c.retName(), c.args(), c.fd(), c.file(), c.file2(),
          c.line()));
    }
    return out;
  }

  /** The marker test for strace calls: an openat whose path argument is a marker. */
  public static String straceMarker(Call c) {
    if (!c.syscall().equals("openat") || c.args().size() < 2) {
      return null;
    }
    String p = c.args().get(1).string();
    return p != null && p.startsWith(MARKER) ? p.substring(MARKER.length()) : null;
  }

  /** The marker test for ior calls: an openat whose file is a marker. */
  public static String iorMarker(Call c) {
    String f = c.file();
    return c.syscall().equals("openat") && f != null && f.startsWith(MARKER)
        ? f.substring(MARKER.length()) : null;
  }
}
