// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.cli.testing.IorRun;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.junit.RecordedIo;
import dev.ior.junit.TraceIo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ior -replay ... -flamegraph} does to files, seen by the kernel (ior-junit): it
 * writes its three outputs next to their name and nothing anywhere else, each through a temporary
 * name that is renamed.
 */
@TraceIo
class ReplayIoTest {
  /** O_WRONLY | O_RDWR: an open for writing. */
  private static final int WRITING = 03;

  @TempDir Path dir;

  @Test
  void aReplayWritesItsOutputsAndNothingElse(RecordedIo io) throws Exception {
    Path rec = dir.resolve("t.iorrec");
    try (RecordFileWriter w = RecordFileWriter.create(rec, 0)) {
      SyntheticStream.encode(SyscallTable.standard(), 20).forEach(w);
    }
    Path name = dir.resolve("out");
    IorRun.Result r = IorRun.run("-replay", rec.toString(), "-flamegraph", "-name",
        name.toString());
    assertEquals(0, r.code(), r.err());
    io.opened().filter("for writing", p -> p.flags() >= 0 && (p.flags() & WRITING) != 0)
        .noneOutside(dir);
    io.syscalls("rename", "renameat", "renameat2").onFiles(dir + "/out.*").hasCount(3);
    io.files().contains(rec.toString(), name + ".ior", name + ".svg", name + ".collapsed");
  }
}
