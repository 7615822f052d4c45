// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

/** Bits of {@link SyscallPair#marks()}: what a reader of a pair should know about how it was seen. */
public final class PairMarks {
  private PairMarks() {}

  /** A 32-bit (ia32) syscall: {@code int $0x80} or a 32-bit program on a 64-bit kernel. */
  public static final int COMPAT = 1;
  /**
   * The file's name was looked up in {@code /proc} after the call (the kernel did not name it):
   * it may be wrong if the process changed the descriptor meanwhile.
   */
  public static final int FILE_LATE = 2;
  /** A path was longer than the kernel could carry (PATH_MAX, or a name walk's depth): cut. */
  public static final int PATH_CUT = 4;
  /**
   * The call was refused before it ran (a seccomp filter's {@code SECCOMP_RET_ERRNO}, a tracer):
   * the kernel's enter tracepoint never fired, the call was built from its exit's registers.
   */
  public static final int REFUSED = 8;
}
