// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.TracePipeline;
import dev.ior.core.event.PairRecord;
import dev.ior.core.fd.ProcFs;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording replays into exactly the pairs the live stream gave. */
class RecordFileTest {
  private static final SyscallTable T = SyscallTable.standard();

  @TempDir Path dir;

  private static TracePipeline pipeline(List<PairRecord> into) {
    return new TracePipeline(T, PairFilter.NONE, ProcFs.EMPTY, p -> into.add(p.copy()));
  }

  @Test
  void replayGivesTheSamePairsAsTheLiveStream() throws IOException {
    SyntheticStream stream = SyntheticStream.encode(T, 500, true);
    List<PairRecord> live = new ArrayList<>();
    Path file = dir.resolve("t.iorrec");
    TracePipeline livePipeline = pipeline(live);
    try (RecordFileWriter rec = RecordFileWriter.create(file, 1_234_567_890L)) {
      stream.forEach((b, o, l) -> {
        rec.accept(b, o, l);
        livePipeline.accept(b, o, l);
      });
      assertFalse(Files.exists(file), "only the temporary name exists before close");
    }
    assertTrue(live.size() > 3000, "the stream has pairs: " + live.size());
    assertTrue(Files.exists(file));
    assertEquals(1_234_567_890L, RecordFileReader.epochOffsetNs(file));
    List<PairRecord> replayed = new ArrayList<>();
    TracePipeline replay = pipeline(replayed);
    long n = RecordFileReader.replay(file, replay::accept);
    assertEquals(stream.records(), n);
    assertEquals(live, replayed);
    assertEquals(livePipeline.stats(), replay.stats());
  }

  @Test
  void notARecordingNewerVersionAndCutFilesAreClearErrors() throws IOException {
    Path text = Files.writeString(dir.resolve("x.txt"), "hello");
    IOException e = assertThrows(IOException.class, () -> RecordFileReader.replay(text, (b, o, l) -> { }));
    assertTrue(e.getMessage().contains("is not an ior recording"), e.getMessage());

    Path newer = dir.resolve("newer.iorrec");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(newer))) {
      out.write(RecordFileWriter.MAGIC);
      out.write(9);
      out.write(new byte[8]);
    }
    e = assertThrows(IOException.class, () -> RecordFileReader.replay(newer, (b, o, l) -> { }));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());

    Path whole = dir.resolve("whole.iorrec");
    try (RecordFileWriter rec = RecordFileWriter.create(whole, 0)) {
      SyntheticStream.encode(T, 10).forEach(rec);
    }
    byte[] raw = new java.util.zip.GZIPInputStream(Files.newInputStream(whole)).readAllBytes();
    Path cut = dir.resolve("cut.iorrec");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
      out.write(Arrays.copyOf(raw, raw.length - 5));
    }
    e = assertThrows(IOException.class, () -> RecordFileReader.replay(cut, (b, o, l) -> { }));
    assertTrue(e.getMessage().contains("cut short after 119 records"), e.getMessage());
  }

  @Test
  void abortLeavesNoFile() throws IOException {
    Path file = dir.resolve("never.iorrec");
    RecordFileWriter rec = RecordFileWriter.create(file, 0);
    rec.abort();
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
