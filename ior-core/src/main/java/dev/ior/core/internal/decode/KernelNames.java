// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

/**
 * Turns what the kernel's name walk reports (an {@code IOR_NAME} record: dentry names leaf first,
 * the filesystem's magic, the link count) into the name {@code /proc/PID/fd} would show: {@code
 * /a/b}, {@code /a/b (deleted)}, {@code pipe:[123]}, {@code socket:[456]}, {@code
 * anon_inode:[eventfd]}, {@code anon_inode:[pidfd]}, {@code net:[4026531840]}, {@code /memfd:x
 * (deleted)}. Pseudo filesystems are never given a made-up absolute path. Magic numbers are from
 * the kernel's {@code include/uapi/linux/magic.h}.
 */
public final class KernelNames {
  static final long PIPEFS_MAGIC = 0x50495045L;
  static final long SOCKFS_MAGIC = 0x534F434BL;
  static final long ANON_INODE_FS_MAGIC = 0x09041934L;
  static final long NSFS_MAGIC = 0x6e736673L;
  static final long PIDFS_MAGIC = 0x50494446L;
  /** Prefix of a name whose walk stopped before the root (deeper than the kernel walks). */
  public static final String CUT = "...";

  private byte[] out = new byte[512];

  /**
   * The name of components {@code bytes[from, from + len)} (each NUL-terminated, leaf first), as
   * bytes in {@code out()[0, return)}.
   */
  int format(byte[] bytes, int from, int len, long magic, long ino, int nlink, boolean cut) {
    if (magic == PIPEFS_MAGIC || magic == SOCKFS_MAGIC) {
      return ascii((magic == PIPEFS_MAGIC ? "pipe:[" : "socket:[") + Long.toUnsignedString(ino)
          + "]");
    }
    if (magic == PIDFS_MAGIC) {
      return ascii("anon_inode:[pidfd]");
    }
    int end = from + len;
    int n = 0;
    if (magic == NSFS_MAGIC) {
      // the kernel sends the namespace type ("net"): /proc shows "net:[inode]"
      int typeEnd = from;
      while (typeEnd < end && bytes[typeEnd] != 0) {
        typeEnd++;
      }
      n = putBytes(n, bytes, from, typeEnd - from);
      return put(n, ":[" + Long.toUnsignedString(ino) + "]");
    }
    if (magic == ANON_INODE_FS_MAGIC) {
      n = put(n, "anon_inode:");
      int leafEnd = from;
      while (leafEnd < end && bytes[leafEnd] != 0) {
        leafEnd++;
      }
      return putBytes(n, bytes, from, leafEnd - from);
    }
    if (cut) {
      n = put(n, CUT);
    }
    // Components are leaf first: walk them from the end.
    int stop = end;
    while (stop > from && bytes[stop - 1] == 0) {
      stop--;
    }
    if (stop == from) {
      n = put(n, "/");
    }
    while (stop > from) {
      int start = stop;
      while (start > from && bytes[start - 1] != 0) {
        start--;
      }
      n = put(n, "/");
      n = putBytes(n, bytes, start, stop - start);
      stop = start - 1;
      while (stop > from && bytes[stop - 1] == 0) {
        stop--;
      }
      if (stop < from) {
        break;
      }
    }
    if (nlink == 0) {
      n = put(n, " (deleted)");
    }
    return n;
  }

  /** The buffer {@link #format} wrote to. */
  byte[] out() {
    return out;
  }

  private int ascii(String s) {
    return put(0, s);
  }

  private int put(int at, String s) {
    ensure(at + s.length());
    for (int i = 0; i < s.length(); i++) {
      out[at + i] = (byte) s.charAt(i);
    }
    return at + s.length();
  }

  private int putBytes(int at, byte[] b, int from, int len) {
    ensure(at + len);
    System.arraycopy(b, from, out, at, len);
    return at + len;
  }

  private void ensure(int n) {
    if (n > out.length) {
      out = java.util.Arrays.copyOf(out, Math.max(n, out.length * 2));
    }
  }
}
