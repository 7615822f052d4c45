// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

/**
 * An executable file mapping of a traced process, as the kernel reported it before the process's
 * stacks (Linux 6.7+): what a {@link StackResolver} names frames from when the process, and its
 * {@code /proc/PID/maps}, are gone by the time its stacks are read.
 *
 * @param start first address (inclusive)
 * @param end end address (exclusive)
 * @param offset the file offset mapped at {@code start}, in bytes
 * @param prot the low bits of the kernel's {@code vm_flags}: 1 read, 2 write, 4 exec, 8 shared
 * @param device the file's device, kernel encoding ({@code major << 20 | minor}, as the
 *     superblock's {@code s_dev})
 * @param inode the file's inode number
 * @param path the kernel's name of the file ({@code /usr/lib/x86_64-linux-gnu/libc.so.6}, with a
 *     {@code " (deleted)"} suffix when it was unlinked, as {@code /proc/PID/maps} shows it); empty
 *     when its name record was lost
 */
public record FileMapping(long start, long end, long offset, int prot, int device, long inode,
    String path) {
  /** {@code prot}: readable. */
  public static final int READ = 1;
  /** {@code prot}: writable. */
  public static final int WRITE = 2;
  /** {@code prot}: executable. */
  public static final int EXEC = 4;
  /** {@code prot}: shared (not private copy-on-write). */
  public static final int SHARED = 8;

  /** {@return the permissions as {@code /proc/PID/maps} writes them, e.g. {@code r-xp}} */
  public String perms() {
    return new String(new char[] {(prot & READ) != 0 ? 'r' : '-', (prot & WRITE) != 0 ? 'w' : '-',
        (prot & EXEC) != 0 ? 'x' : '-', (prot & SHARED) != 0 ? 's' : 'p'});
  }

  /**
   * {@return the device as {@code /proc/PID/maps} writes it: {@code major:minor} in hex, e.g.
   * {@code 08:01}}
   */
  public String deviceName() {
    return String.format(java.util.Locale.ROOT, "%02x:%02x", device >>> 20, device & 0xfffff);
  }
}
