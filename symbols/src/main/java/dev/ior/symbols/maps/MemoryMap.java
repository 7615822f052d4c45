// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.maps;

/**
 * One line of {@code /proc/PID/maps}: a contiguous mapping of the process's address space.
 *
 * <pre>{@code
 * MemoryMap m = ProcMaps.parseLine(
 *     "55d0c8a00000-55d0c8a2a000 r--p 00000000 08:01 1234 /usr/bin/zeek");
 * m.contains(0x55d0c8a00010L); // true
 * }</pre>
 *
 * @param start first address (inclusive)
 * @param end end address (exclusive)
 * @param perms the four permission characters, e.g. {@code r-xp}
 * @param offset offset into the mapped file in bytes
 * @param device device as {@code major:minor} in hex
 * @param inode inode of the mapped file, 0 for anonymous mappings
 * @param path the file, a pseudo-path such as {@code [heap]}, or empty; a file deleted since it was
 *     mapped keeps the kernel's {@code " (deleted)"} suffix
 */
public record MemoryMap(
    long start, long end, String perms, long offset, String device, long inode, String path) {

  /**
   * {@return true when {@code address} lies in this mapping}
   *
   * @param address a virtual address, compared unsigned
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
  }

  /** {@return true when the mapping is readable} */
  public boolean readable() {
    return perms.charAt(0) == 'r';
  }

  /** {@return size in bytes} */
  public long size() {
    return end - start;
  }
}
