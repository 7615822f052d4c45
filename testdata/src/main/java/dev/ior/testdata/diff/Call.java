// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.List;

/**
 * One completed syscall as a tracer showed it, before projection onto ior's fields.
 *
 * @param tid the thread id the tracer printed
 * @param syscall the name in ior's spelling (strace's aliases mapped)
 * @param ret the return value, -errno for errors ({@link #UNKNOWN} when the tracer printed '?')
 * @param retName for strace: the decoration of a returned fd (the kernel's name), else null
 * @param args for strace: the arguments as printed; empty for ior
 * @param fd for ior: its fd column; for strace: unused (-1)
 * @param file for ior: its file column (null when empty)
 * @param file2 for ior: its file2 column (null when empty)
 * @param line the tracer's own line, for reports
 */
public record Call(int tid, String syscall, long ret, String retName, List<Arg> args, int fd,
    String file, String file2, String line) {
  /** The return value of a call whose result the tracer could not show. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  public Call {
    args = List.copyOf(args);
  }

  /**
   * One strace argument.
   *
   * @param text as printed, without the decoration
   * @param name the {@code <…>} decoration (the file behind an fd), null when none, with
   *     {@code " (deleted)"} appended where strace printed {@code (deleted)} after it
   */
  public record Arg(String text, String name) {
    /** The argument as a number (decimal, or 0x hex), or null when it is not one. */
    public Long number() {
      try {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
            : Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** The argument as a C string (strace's quotes removed), or null when it is not one. */
    public String string() {
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        return text.substring(1, text.length() - 1);
      }
      return null;
    }
  }
}
