// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restart vs EINTR (issue 18 kind 10), checked per batch: neither tracer's rows say whether an
 * interrupted call was restarted (both show the kernel's -512), but the programs know — each
 * {@code interrupted_read(1)} (SA_RESTART) is one restarted call, each {@code interrupted_read(0)}
 * one EINTR — and ior's statistics line says what it decided:
 * {@code (plus N returned a restart code: R restarted, E seen as EINTR)}.
 *
 * @param restarted calls the programs restarted
 * @param eintr calls the programs saw fail with EINTR
 * @param iorRestarted ior's count, -1 when its statistics had no such line
 * @param iorEintr ior's count, -1 when its statistics had no such line
 */
public record RestartCheck(int restarted, int eintr, int iorRestarted, int iorEintr) {
  private static final Pattern STATS = Pattern.compile(
      "returned a restart code: ([\\d,]+) restarted, ([\\d,]+) seen as EINTR");

  /** The check for {@code programs} run in one batch whose ior statistics are {@code iorErr}. */
  public static RestartCheck of(List<Program> programs, String iorErr) {
    int r = 0;
    int e = 0;
    for (Program p : programs) {
      String main = p.main();
      r += count(main, "interrupted_read(1);");
      e += count(main, "interrupted_read(0);");
    }
    Matcher m = STATS.matcher(iorErr);
    return m.find()
        ? new RestartCheck(r, e, number(m.group(1)), number(m.group(2)))
        : new RestartCheck(r, e, -1, -1);
  }

  /** True when ior decided as the programs did. */
  public boolean agrees() {
    return restarted == iorRestarted && eintr == iorEintr;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "programs: %d restarted, %d EINTR; ior: %d restarted, %d seen"
        + " as EINTR", restarted, eintr, iorRestarted, iorEintr);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static int number(String s) {
    return Integer.parseInt(s.replace(",", ""));
  }
}
