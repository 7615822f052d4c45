// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.SyscallTable;

/** Synthetic pairs for the live-statistics tests. */
final class Pairs {
  private static final SyscallTable TABLE = SyscallTable.standard();

  private Pairs() {}

  /** A pair of {@code syscall} by comm@pid on {@code file} taking {@code ns}, returning ret. */
  static PairRecord pair(String comm, int pid, String syscall, String file, long ns, long ret) {
    long bytes = ret > 0 && TABLE.byName(syscall).io() != dev.ior.core.syscall.IoKind.NONE
        ? ret : 0;
    return new PairRecord(TABLE.byName(syscall), pid, pid, comm, 1_000, 1_000 + ns, 500, ret, 3,
        file, null, 0, bytes);
  }
}
