// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.core.event.PairRecord;
import dev.ior.core.live.FlowStats;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.SyscallTable;

/** Synthetic pairs and flows for the dashboard tests. */
final class TuiPairs {
  private static final SyscallTable TABLE = SyscallTable.standard();

  private TuiPairs() {}

  static PairRecord pair(String comm, int pid, String syscall, String file, long ns, long ret) {
    long bytes = ret > 0 && TABLE.byName(syscall).io() != IoKind.NONE ? ret : 0;
    return new PairRecord(TABLE.byName(syscall), pid, pid, comm, 1_000, 1_000 + ns, 500, ret, 3,
        file, null, 0, bytes);
  }

  static FlowStats flow(String comm, String syscall, String file, long count) {
    return new FlowStats(comm, 1, syscall, file, count, count * 1_000, count * 10);
  }
}
