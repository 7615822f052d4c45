// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

/**
 * Renders Linux open(2) flags readably, e.g. {@code O_WRONLY|O_CREAT|O_TRUNC}. Values are
 * x86_64's ({@code Arch.DECODED}: arm64's O_DIRECT, O_LARGEFILE, O_DIRECTORY and O_NOFOLLOW bits
 * differ, which is why recordings and .ior files name their arch); bits without a name are kept
 * as hex so nothing is hidden.
 *
 * <pre>{@code
 * OpenFlags.format(02000000);  // "O_RDONLY|O_CLOEXEC"
 * OpenFlags.format(-1);        // "[unknown flags]"
 * }</pre>
 */
public final class OpenFlags {
  private static final String[] NAMES = {
    "O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_DSYNC", "O_ASYNC",
    "O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
    "O_SYNC", "O_PATH", "O_TMPFILE"
  };
  private static final int[] BITS = {
    0100, 0200, 0400, 01000, 02000, 04000, 010000, 020000,
    040000, 0100000, 0200000, 0400000, 01000000, 02000000,
    04000000, 010000000, 020000000
  };

  private OpenFlags() {}

  /**
   * {@return the flags as {@code ACCESS|FLAG|...}; -1 (unknown) as {@code [unknown flags]}}
   *
   * @param flags open flags ({@code O_*} bits), or -1 when unknown
   */
  public static String format(int flags) {
    if (flags == -1) {
      return "[unknown flags]";
    }
    StringBuilder b = new StringBuilder(access(flags & 3));
    int rest = flags & ~3;
    for (int i = 0; i < BITS.length; i++) {
      if ((rest & BITS[i]) != 0) {
        b.append('|').append(NAMES[i]);
        rest &= ~BITS[i];
      }
    }
    if (rest != 0) {
      b.append("|0x").append(Integer.toHexString(rest));
    }
    return b.toString();
  }

  private static String access(int mode) {
    switch (mode) {
      case 0:
        return "O_RDONLY";
      case 1:
        return "O_WRONLY";
      case 2:
        return "O_RDWR";
      default:
        return "O_ACCMODE"; // 3: not valid for open, used by some drivers' ioctl-only opens
    }
  }
}
