// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ior -replay REC -timeline/-speedscope}: no root, a recording in, timeline files out. */
class TimelineCliTest {
  @TempDir Path dir;

  /** A recording of the synthetic workload: 2 processes, 8 threads, 12 records per round. */
  static Path recording(Path file, int rounds) throws IOException {
    try (RecordFileWriter w = RecordFileWriter.create(file, 1_764_140_700_000_000_000L)) {
      SyntheticStream.encode(SyscallTable.standard(), rounds).forEach(w);
    }
    return file;
  }

  @Test
  void replayWritesBothTimelinesAndSaysWhatWasLeftOut() throws IOException {
    Path rec = recording(dir.resolve("w.iorrec"), 500);
    Path chrome = dir.resolve("t.json");
    Path speedscope = dir.resolve("s.speedscope.json");
    IorRun.Result r = IorRun.run("-replay", rec.toString(), "-timeline", chrome.toString(),
        "-speedscope", speedscope.toString(), "-timeline-max-events", "1000");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out(), "the timeline replaces the stream");
    assertTrue(r.err().contains("ior: wrote " + chrome + " (1,000 calls on 8 threads; the 2,000"
        + " fastest of 3,000 calls left out, see -timeline-max-events (now 1,000))"), r.err());
    String json = Files.readString(chrome);
    assertTrue(json.contains("\"leftOut\":2000"), json.substring(0, 300));
    assertTrue(json.contains("\"start\":\"2025-11-26T07:05:00.001"), json.substring(0, 300));
    assertTrue(json.contains("\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":100,\"tid\":101,"
        + "\"args\":{\"name\":\"postgres\"}"), "threads named by comm");
    assertTrue(Files.readString(speedscope).contains("\"type\":\"evented\""));

    IorRun.Result all = IorRun.run("-replay", rec.toString(), "-timeline", chrome.toString(),
        "-timeline-max-events", "0");
    assertTrue(all.err().contains("(3,000 calls on 8 threads)"), all.err());
    IorRun.Result bad = IorRun.run("-replay", rec.toString(), "-timeline", chrome.toString(),
        "-timeline-max-events", "-1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("-timeline-max-events must be >= 0"), bad.err());
  }
}
