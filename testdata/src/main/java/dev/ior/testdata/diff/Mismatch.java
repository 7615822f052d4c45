// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * One disagreement between strace and ior on one call.
 *
 * @param task the task's order of first appearance in the program (1 = main thread)
 * @param syscall the call
 * @param seq the call's index among that task's calls of that syscall (0-based)
 * @param field ret, fd, file, file2, missing (strace has the call, ior not) or extra
 * @param strace what strace says (normalised)
 * @param ior what ior says (normalised)
 * @param straceLine strace's line ("" when missing)
 * @param iorLine ior's line ("" when missing)
 */
public record Mismatch(int task, String syscall, int seq, String field, String strace, String ior,
    String straceLine, String iorLine) {
  /** What kind of mismatch this is, independent of the values: {@code syscall:field}. */
  public String signature() {
    return syscall + ":" + field;
  }

  @Override
  public String toString() {
    return "task " + task + " " + syscall + "#" + seq + " " + field + ": strace=" + strace
        + " ior=" + ior + "\n    strace: " + straceLine + "\n    ior:    " + iorLine;
  }
}
