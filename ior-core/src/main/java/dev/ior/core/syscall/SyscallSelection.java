// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses the syscalls to trace. Three ways to include, united: regexes over tracepoint-style
 * names as ior's {@code -tps} (a syscall is in when {@code sys_enter_X} or {@code sys_exit_X}
 * matches anywhere), names ({@code -syscalls read,write}) and families ({@code -families
 * fs,net}). With none of them, the file I/O families {@link SyscallTable#DEFAULT_FAMILIES} and
 * the file mappings {@link SyscallTable#DEFAULT_MAPPINGS}.
 * Exclude regexes ({@code -tpsExclude}) then take syscalls out.
 *
 * <pre>{@code
 * List<Syscall> s = SyscallSelection.select(table,
 *     new SyscallSelection.Spec(List.of("read$"), List.of("^sys_enter_p"), List.of("fsync"), List.of()));
 * }</pre>
 */
public final class SyscallSelection {
  private SyscallSelection() {}

  /**
   * What the user asked for.
   *
   * @param include regexes over tracepoint names; empty: none
   * @param exclude regexes over tracepoint names to leave out
   * @param names syscall names ({@code read}, {@code openat})
   * @param families family names of {@link SyscallTable#FAMILIES}
   */
  public record Spec(List<String> include, List<String> exclude, List<String> names,
      List<String> families) {
    /**
     * Keeps immutable copies of the lists.
     *
     * @param include regexes over tracepoint names; empty: none
     * @param exclude regexes over tracepoint names to leave out
     * @param names syscall names ({@code read}, {@code openat})
     * @param families family names of {@link SyscallTable#FAMILIES}
     */
    public Spec {
      include = List.copyOf(include);
      exclude = List.copyOf(exclude);
      names = List.copyOf(names);
      families = List.copyOf(families);
    }

    /**
     * {@return a spec of -tps/-tpsExclude style regexes only}
     *
     * @param include regexes over tracepoint names
     * @param exclude regexes over tracepoint names to leave out
     */
    public static Spec ofRegexes(List<String> include, List<String> exclude) {
      return new Spec(include, exclude, List.of(), List.of());
    }

    boolean includesAnything() {
      return !compiledOrEmpty(include).isEmpty() || !names.isEmpty() || !families.isEmpty();
    }
  }

  /**
   * {@return the selected syscalls, in table order}
   *
   * @param table ior's syscall table
   * @param spec what the user asked for
   * @throws IllegalArgumentException for an invalid regex, an unknown name or family, or a
   *     selection that is empty
   */
  public static List<Syscall> select(SyscallTable table, Spec spec) {
    List<Pattern> inc = compile(spec.include());
    List<Pattern> exc = compile(spec.exclude());
    for (String n : spec.names()) {
      if (table.byName(n) == null) {
        String close = dev.ior.flamegraph.text.Spelling.closest(n,
            table.all().stream().map(Syscall::name).toList());
        throw new IllegalArgumentException("unknown syscall '" + n + "' in -syscalls"
            + (close == null ? "" : "; did you mean '" + close + "'?") + " (names as"
            + " the kernel's: openat, pread64, newfstatat)");
      }
    }
    for (String f : spec.families()) {
      if (!SyscallTable.FAMILIES.contains(f)) {
        throw new IllegalArgumentException("unknown family '" + f + "' in -families; known: "
            + String.join(",", SyscallTable.FAMILIES));
      }
    }
    boolean dflt = !spec.includesAnything();
    Collection<String> families = dflt ? SyscallTable.DEFAULT_FAMILIES : spec.families();
    Collection<String> names = dflt ? SyscallTable.DEFAULT_MAPPINGS : spec.names();
    List<Syscall> out = new ArrayList<>();
    for (Syscall s : table.all()) {
      boolean in = matches(inc, s) || names.contains(s.name())
          || families.contains(s.family());
      if (in && !matches(exc, s)) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no syscall matches the selection (-tps "
          + spec.include() + " -syscalls " + spec.names() + " -families " + spec.families()
          + " minus -tpsExclude " + spec.exclude() + "); tracepoint names look like"
          + " sys_enter_openat" + didYouMean(table, spec.include()));
    }
    return out;
  }

  /**
   * {@return whether {@code s} is traced only on file mappings: mmap and munmap in the default
   * selection (the kernel leaves out mmap with MAP_ANONYMOUS and munmap of anonymous memory)}
   * Selected by name or family they are traced on all memory, as strace shows them.
   *
   * @param spec what the user asked for
   * @param s a selected syscall
   */
  public static boolean fileMapsOnly(Spec spec, Syscall s) {
    return !spec.includesAnything() && (s.name().equals("mmap") || s.name().equals("munmap"));
  }

  /** "; did you mean 'fsync'?" for a -tps word that is a misspelled syscall, else "". */
  private static String didYouMean(SyscallTable table, List<String> include) {
    for (String word : include) {
      if (word.matches("\\w+")) {
        String close = dev.ior.flamegraph.text.Spelling.closest(word,
            table.all().stream().map(Syscall::name).toList());
        if (close != null) {
          return "; did you mean '" + close + "'?";
        }
      }
    }
    return "";
  }

  private static boolean matches(List<Pattern> patterns, Syscall s) {
    for (Pattern p : patterns) {
      if (p.matcher(s.enterTracepoint()).find() || p.matcher(s.exitTracepoint()).find()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> compiledOrEmpty(List<String> regexes) {
    List<String> out = new ArrayList<>();
    for (String r : regexes) {
      if (!r.isBlank()) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<Pattern> compile(List<String> regexes) {
    List<Pattern> out = new ArrayList<>();
    for (String r : compiledOrEmpty(regexes)) {
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
