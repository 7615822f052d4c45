// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a name as strace or ior prints it into the form both are compared in. Each
 * normalisation is one of the documented rules ({@code docs/file-names.md}); one instance per
 * program and tracer, because rule {@link Rule#PSEUDO_INODE} numbers inodes in order of first
 * appearance within that trace.
 */
final class NameRules {
  private static final Pattern PSEUDO = Pattern.compile("^([a-z_]+):\\[(\\d+)\\]");
  private static final Pattern TMPFILE = Pattern.compile("/#(\\d+)(?= \\(deleted\\)$|$)");
  private final String runRoot;
  private final Escapes escapes;
  private final Map<String, Integer> inodes = new HashMap<>();

  /**
   * Rules for a trace whose programs ran under {@code runRoot} (replaced by {@code $RUN}),
   * printed with {@code escapes}.
   */
  NameRules(String runRoot, Escapes escapes) {
    this.runRoot = runRoot;
    this.escapes = escapes;
  }

  /** The normalised name, or "" for none. */
  String name(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    String n = escapes.canonical(name); // Rule.ESCAPES
    if (n.startsWith(runRoot + "/") || n.equals(runRoot)) { // Rule.RUN_ROOT
      n = "$RUN" + n.substring(runRoot.length());
    }
    Matcher m = PSEUDO.matcher(n); // Rule.PSEUDO_INODE
    if (m.find()) {
      int i = inodes.computeIfAbsent(m.group(1) + m.group(2), k -> inodes.size() + 1);
      n = m.group(1) + ":[#" + i + "]" + n.substring(m.end());
    }
    Matcher t = TMPFILE.matcher(n); // Rule.PSEUDO_INODE: an O_TMPFILE's "#<inode>" name
    if (t.find()) {
      int i = inodes.computeIfAbsent("#" + t.group(1), k -> inodes.size() + 1);
      n = n.substring(0, t.start()) + "/#[#" + i + "]" + n.substring(t.end());
    }
    return n;
  }

  /**
   * The last component of a path, lexically ({@code a/b/} is {@code b}); null when it names no
   * component of its own ("", ".", "..", "/"), where rule {@link Rule#PATH_ARGUMENT} compares
   * nothing.
   */
  static String lastComponent(String path) {
    if (path == null) {
      return null;
    }
    String p = path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    return last.isEmpty() || last.equals(".") || last.equals("..") ? null : last;
  }
}
