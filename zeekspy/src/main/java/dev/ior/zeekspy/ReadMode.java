// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import java.util.Locale;

/** How samples read the target's memory. */
public enum ReadMode {
  /**
   * {@code process_vm_readv} while the target runs: a few µs per sample and no pause for Zeek;
   * a stack changing mid-read is detected and retried (or counted as torn).
   */
  READV,
  /**
   * Stop the target's main thread with {@code PTRACE_INTERRUPT} for each sample, read, resume:
   * consistent snapshots at the price of pausing Zeek for every sample.
   */
  PTRACE;

  /**
   * Parses {@code readv} or {@code ptrace} (case-insensitive).
   *
   * @param s {@code readv} or {@code ptrace}, any case, surrounding blanks ignored
   * @return the mode
   * @throws IllegalArgumentException naming the two modes for anything else
   */
  public static ReadMode parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("read mode must be readv or ptrace, not '" + s + "'");
    }
  }

  /** {@return the lower-case name used on the command line} */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
