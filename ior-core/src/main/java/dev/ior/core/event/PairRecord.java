// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

import dev.ior.core.syscall.Syscall;

/**
 * An immutable {@link SyscallPair}, as returned by {@link SyscallPair#copy()}; safe to keep and
 * to hand to other threads.
 *
 * <pre>{@code
 * PairRecord kept = pair.copy();
 * }</pre>
 */
public record PairRecord(Syscall syscall, int pid, int tid, String comm, long enterNs,
    long exitNs, long gapNs, long ret, int fd, String file, String file2, int flags, long bytes)
    implements SyscallPair {

  @Override
  public PairRecord copy() {
    return this;
  }
}
