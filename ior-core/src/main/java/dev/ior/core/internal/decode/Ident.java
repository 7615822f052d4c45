// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

/**
 * What a descriptor or directory referred to when a call was made, read by the kernel from the
 * task's file table ({@code struct ior_ident}): device, inode number and inode generation. Mutable
 * and reused on the hot path; {@code ino == 0} means none (no such descriptor, or no base needed).
 */
public final class Ident {
  /** Inode number; 0: none. */
  public long ino;
  /** The superblock's device, kernel encoding ({@code major << 20 | minor}). */
  public int dev;
  /** The inode's generation, which tells a reused inode number apart. */
  public int gen;

  /** Whether this names a file. */
  public boolean present() {
    return ino != 0;
  }

  /** Whether {@code o} is the same file. */
  public boolean sameAs(Ident o) {
    return ino == o.ino && dev == o.dev && gen == o.gen;
  }

  /** Copies {@code o}. */
  public void copyFrom(Ident o) {
    ino = o.ino;
    dev = o.dev;
    gen = o.gen;
  }

  /** Sets the three parts. */
  public Ident set(long ino, int dev, int gen) {
    this.ino = ino;
    this.dev = dev;
    this.gen = gen;
    return this;
  }

  /** Clears to none. */
  public void clear() {
    ino = 0;
    dev = 0;
    gen = 0;
  }

  @Override
  public String toString() {
    return (dev >>> 20) + ":" + (dev & 0xfffff) + ":" + ino + "/" + gen;
  }
}
