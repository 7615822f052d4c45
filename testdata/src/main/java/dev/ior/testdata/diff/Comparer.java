// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares one program's calls as strace showed them (the oracle) with ior's: calls are matched
 * per (task, syscall, sequence) and compared on return value, fd and file names, after the
 * rules of {@link Rule} and nothing else. Which argument is an fd or a path comes from ior's own
 * table ({@link Shapes}).
 */
public final class Comparer {
  private static final Set<String> ADDRESS = Set.of("mmap");
  private static final Set<String> CHILD_PID = Set.of("fork", "vfork", "clone", "clone3");
  /** Linux's PATH_MAX: the longest name readlink on /proc/PID/fd/N returns, with its NUL. */
  private static final int PATH_MAX = 4096;
  private final Shapes shapes;

  public Comparer(Shapes shapes) {
    this.shapes = shapes;
  }

  /**
   * The mismatches of one program.
   *
   * @param strace the program's calls under strace (tids renumbered by {@link Segments})
   * @param straceRoot the directory its copy ran under in the strace run
   * @param ior its calls under ior
   * @param iorRoot the directory its copy ran under in the ior run
   */
  public List<Mismatch> compare(List<Call> strace, String straceRoot, List<Call> ior,
      String iorRoot) {
    Map<String, List<Call>> s = byKey(strace);
    Map<String, List<Call>> i = byKey(ior);
    NameRules sn = new NameRules(straceRoot, Escapes.STRACE);
    NameRules in = new NameRules(iorRoot, Escapes.IOR);
    List<Mismatch> out = new ArrayList<>();
    for (Map.Entry<String, List<Call>> e : s.entrySet()) {
      List<Call> a = e.getValue();
      List<Call> b = i.getOrDefault(e.getKey(), List.of());
      for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
        Call x = k < a.size() ? a.get(k) : null;
        Call y = k < b.size() ? b.get(k) : null;
        if (y == null) {
          out.add(new Mismatch(x.tid(), x.syscall(), k, "missing", "called", "absent", x.line(), ""));
        } else if (x == null) {
          out.add(new Mismatch(y.tid(), y.syscall(), k, "extra", "absent", "called", "", y.line()));
        } else {
          compare(x, y, k, sn, in, out);
        }
      }
    }
    for (Map.Entry<String, List<Call>> e : i.entrySet()) {
      if (!s.containsKey(e.getKey())) {
        int k = 0;
        for (Call y : e.getValue()) {
          out.add(new Mismatch(y.tid(), y.syscall(), k++, "extra", "absent", "called", "", y.line()));
        }
      }
    }
    return out;
  }

  private void compare(Call x, Call y, int seq, NameRules sn, NameRules in, List<Mismatch> out) {
    String ret = ret(x);
    String iret = ret(y);
    if (ret != null && !ret.equals(iret)) {
      out.add(m(x, y, seq, "ret", ret, iret));
    }
    Shapes.Shape sh = shapes.of(x.syscall());
    switch (sh.shape()) {
      case "open", "openhow" -> {
        if (x.ret() >= 0 && x.ret() != Call.UNKNOWN) {
          check(x, y, seq, "fd", Long.toString(x.ret()), Integer.toString(y.fd()), out);
          name(x, y, seq, "file", x.retName(), y.file(), sn, in, out);
        } else {
          pathArgument(x, y, seq, "file", sh.arg(1), y.file(), out);
        }
      }
      case "fd" -> {
        Call.Arg fd = arg(x, sh.arg(0));
        if (fd != null) {
          Long n = fd.number();
          check(x, y, seq, "fd", n == null ? fd.text() : Long.toString(n), Integer.toString(y.fd()), out);
          name(x, y, seq, "file", fd.name(), y.file(), sn, in, out);
        }
        Call.Arg second = sh.transfer() ? arg(x, sh.arg(1)) : null;
        if (second != null) {
          name(x, y, seq, "file2", second.name(), y.file2(), sn, in, out);
        }
      }
      case "path" -> pathArgument(x, y, seq, "file", sh.arg(1), y.file(), out);
      case "name" -> {
        pathArgument(x, y, seq, "file", sh.arg(1), y.file(), out);
        pathArgument(x, y, seq, "file2", sh.arg(3), y.file2(), out);
      }
      default -> { }
    }
  }

  /** Rule PATH_ARGUMENT: the last components of the string passed and of ior's name agree. */
  private static void pathArgument(Call x, Call y, int seq, String field, int index, String name,
      List<Mismatch> out) {
    Call.Arg a = arg(x, index);
    String path = a == null || a.string() == null ? null : Escapes.STRACE.canonical(a.string());
    String last = NameRules.lastComponent(path);
    if (last != null) {
      String got = NameRules.lastComponent(name == null ? null : Escapes.IOR.canonical(name));
      if (!last.equals(got)) {
        out.add(m(x, y, seq, field, "…/" + last + " (from " + path + ")", name == null ? "" : name));
      }
    }
  }

  /** Compares a kernel name strace printed (null: none) with ior's, rule NAME_TOO_LONG aside. */
  private static void name(Call x, Call y, int seq, String field, String strace, String ior,
      NameRules sn, NameRules in, List<Mismatch> out) {
    String got = in.name(ior);
    // ior marks a name it could not carry whole (over PATH_MAX, or deeper than its walk goes)
    // with a leading ".../": the same names /proc cannot give strace. The length is the name's
    // own, not that of got, whose run root is "$RUN": 4,098 bytes under the difftest's root are
    // 4,078 as "$RUN/..." (seed 7018 of kind long_path).
    boolean cut = got != null && got.startsWith(".../");
    boolean tooLong = ior != null && Escapes.IOR.byteLength(ior) >= PATH_MAX;
    if (strace != null || (!tooLong && !cut)) {
      check(x, y, seq, field, sn.name(strace), got, out);
    }
  }

  private static void check(Call x, Call y, int seq, String field, String want, String got,
      List<Mismatch> out) {
    if (!Objects.equals(want, got)) {
      out.add(m(x, y, seq, field, want, got));
    }
  }

  /** The return value as compared (rules ADDRESS, CHILD_PID, NO_RETURN); null: not compared. */
  private static String ret(Call c) {
    if (c.ret() == Call.UNKNOWN) {
      return null;
    }
    if (ADDRESS.contains(c.syscall()) || CHILD_PID.contains(c.syscall())) {
      return c.ret() >= 0 || c.ret() < -4095 ? "ok" : Long.toString(c.ret());
    }
    return Long.toString(c.ret());
  }

  private static Call.Arg arg(Call c, int index) {
    return index >= 0 && index < c.args().size() ? c.args().get(index) : null;
  }

  private static Mismatch m(Call x, Call y, int seq, String field, String want, String got) {
    return new Mismatch(x.tid(), x.syscall(), seq, field, want, got, x.line(), y.line());
  }

  private static Map<String, List<Call>> byKey(List<Call> calls) {
    Map<String, List<Call>> m = new LinkedHashMap<>();
    for (Call c : calls) {
      m.computeIfAbsent(c.tid() + " " + c.syscall(), k -> new ArrayList<>()).add(c);
    }
    return m;
  }
}
