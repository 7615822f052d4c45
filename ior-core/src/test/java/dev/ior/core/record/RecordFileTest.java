// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.TracePipeline;
import dev.ior.core.event.PairRecord;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
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
    RecordFileReader.Replay r = RecordFileReader.replay(file, replay::accept);
    assertEquals(new RecordFileReader.Replay(stream.records(), false), r);
    assertEquals(live, replayed);
    assertEquals(livePipeline.stats(), replay.stats());
  }

  @Test
  void notARecordingNewerVersionAndCutFilesAreClearErrors() throws IOException {
    Path text = Files.writeString(dir.resolve("x.txt"), "hello");
    IOException e = assertThrows(IOException.class, () -> RecordFileReader.replay(text, (b, o, l) -> { }));
    assertTrue(e.getMessage().endsWith("x.txt: not an ior recording (.iorrec)"), e.getMessage());

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
    List<Integer> lengths = new ArrayList<>();
    RecordFileReader.Replay r = RecordFileReader.replay(cut, (b, o, l) -> lengths.add(l));
    assertEquals(new RecordFileReader.Replay(119, true), r, "checked data cut inside a record");
    assertEquals(119, lengths.size());
    assertEquals("cut short after 119 records", r.describe());
  }

  /** Records of {@code file} as byte arrays, or null when the reader refused it properly. */
  private static List<byte[]> replayOrRefuse(Path file, List<byte[]> whole, String what) {
    List<byte[]> got = new ArrayList<>();
    try {
      RecordFileReader.Replay r = RecordFileReader.replay(file, (b, o, l) -> {
        byte[] rec = new byte[l];
        b.get(o, rec, 0, l);
        got.add(rec);
      });
      assertEquals(got.size(), r.records(), what);
      if (whole != null) {
        assertTrue(got.size() <= whole.size(), what);
        assertTrue(got.size() == whole.size() || r.cutShort(), what + ": fewer, not cut short");
        for (int i = 0; i < got.size(); i++) {
          assertArrayEquals(whole.get(i), got.get(i), what + ", record " + i);
        }
      }
      return got;
    } catch (IOException e) {
      assertTrue(e.getMessage().startsWith(file + ": "), what + ": " + e.getMessage());
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": unexpected " + e, e);
    }
  }

  /** A recording of a small synthetic stream in gzip members of about 512 bytes. */
  private byte[] smallRecording() throws IOException {
    Path whole = dir.resolve("whole.iorrec");
    try (RecordFileWriter rec = RecordFileWriter.create(whole, 0, 512)) {
      SyntheticStream.encode(T, 3).forEach(rec);
    }
    return Files.readAllBytes(whole);
  }

  @Test
  void aCutRecordingReplaysEveryRecordOfItsCompleteMembers() throws IOException {
    byte[] good = smallRecording();
    List<byte[]> all = replayOrRefuse(dir.resolve("whole.iorrec"), null, "whole");
    Path cut = dir.resolve("cut.iorrec");
    long previous = 0;
    int refused = 0;
    for (int len = 0; len < good.length; len++) {
      Files.write(cut, Arrays.copyOf(good, len));
      List<byte[]> got = replayOrRefuse(cut, all, "cut at " + len);
      if (got == null) {
        refused++;
        assertEquals(0, previous, "once records replay, a longer prefix is never refused");
        continue;
      }
      assertTrue(got.size() >= previous, "a longer prefix never replays fewer records");
      assertTrue(RecordFileReader.replay(cut, (b, o, l) -> { }).cutShort(),
          "every cut is reported, also one between two gzip members: " + len);
      previous = got.size();
    }
    assertTrue(refused > 0 && previous > all.size() / 2, refused + " refused, " + previous
        + " of " + all.size() + " replayed from the longest cut");
  }

  @Test
  void everySingleByteFlipReplaysIdenticalRecordsACheckedPrefixOrIsRefused() throws IOException {
    byte[] good = smallRecording();
    List<byte[]> all = replayOrRefuse(dir.resolve("whole.iorrec"), null, "whole");
    Path flipped = dir.resolve("flipped.iorrec");
    int[] outcomes = new int[3]; // identical, prefix, refused
    for (int pos = 0; pos < good.length; pos++) {
      byte[] b = good.clone();
      b[pos] ^= (byte) 0xff;
      Files.write(flipped, b);
      List<byte[]> got = replayOrRefuse(flipped, all, "flip at " + pos);
      outcomes[got == null ? 2 : got.size() == all.size() ? 0 : 1]++;
    }
    System.out.printf("%d flips: %d identical, %d a checked prefix, %d refused%n", good.length,
        outcomes[0], outcomes[1], outcomes[2]);
    assertTrue(outcomes[2] > good.length * 9 / 10, "most flips are refused");
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
