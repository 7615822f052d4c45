// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses the syscalls to trace from include/exclude regexes over tracepoint names, as ior's
 * {@code -tps} and {@code -tpsExclude}: a syscall is selected when one of its tracepoints
 * ({@code sys_enter_X}, {@code sys_exit_X}) matches an include pattern (anywhere in the name;
 * no includes means all) and neither matches an exclude pattern.
 *
 * <pre>{@code
 * List<Syscall> s = SyscallSelection.select(table, List.of("read$", "write$"), List.of("^sys_enter_p"));
 * }</pre>
 */
public final class SyscallSelection {
  private SyscallSelection() {}

  /**
   * The selected syscalls, in table order.
   *
   * @throws IllegalArgumentException for an invalid regex or a selection that is empty
   */
  public static List<Syscall> select(SyscallTable table, List<String> include,
      List<String> exclude) {
    List<Pattern> inc = compile(include);
    List<Pattern> exc = compile(exclude);
    List<Syscall> out = new ArrayList<>();
    for (Syscall s : table.all()) {
      if ((inc.isEmpty() || matches(inc, s)) && !matches(exc, s)) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no traced syscall matches -tps " + include
          + " minus -tpsExclude " + exclude + "; tracepoints are named like sys_enter_openat");
    }
    return out;
  }

  private static boolean matches(List<Pattern> patterns, Syscall s) {
    for (Pattern p : patterns) {
      if (p.matcher(s.enterTracepoint()).find() || p.matcher(s.exitTracepoint()).find()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(List<String> regexes) {
    List<Pattern> out = new ArrayList<>();
    for (String r : regexes) {
      if (r.isBlank()) {
        continue;
      }
      try {
        out.add(Pattern.compile(r.trim()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid tracepoint regex '" + r + "': "
            + e.getDescription());
      }
    }
    return out;
  }
}
