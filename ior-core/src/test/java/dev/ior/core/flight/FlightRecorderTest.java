// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder on synthetic pairs: what a dump holds, rate limits, manual triggers, losses. */
class FlightRecorderTest {
  private static final SyscallTable T = SyscallTable.standard();
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong();
  private final List<FlightDump> dumps = new CopyOnWriteArrayList<>();

  private FlightRecorder recorder(long windowNs, long bytes, long afterNs, long intervalNs,
      FlightTrigger... triggers) {
    return new FlightRecorder(new FlightConfig(windowNs, bytes, afterNs, intervalNs,
        List.of(triggers)), clock::get, new FlightRecorder.Target() {
          int n;

          @Override
          public Path file(Firing f) {
            return dir.resolve("dump-" + (++n) + "-" + f.kind() + ".iorfl");
          }

          @Override
          public FlightHeader header(Firing f, long windowNs, long afterNs) {
            return new FlightHeader(42, f.timeNs(), windowNs, afterNs, f.pid(), f.tid(),
                f.kind(), f.description(), "testhost");
          }

          @Override
          public void dumped(FlightDump d) {
            dumps.add(d);
          }
        });
  }

  /** A write of 1 µs exiting at {@code exitNs}, or an fsync of {@code durNs}. */
  private static PairRecord write(long exitNs, int i) {
    return new PairRecord(T.byName("write"), 10, 11, "db", exitNs - 1_000, exitNs, 500, 4096, 3,
        "/data/wal", null, 1, 4096, "db-writer", 77, 0);
  }

  private static PairRecord fsync(long exitNs, long durNs, String file) {
    return new PairRecord(T.byName("fsync"), 10, 12, "db", exitNs - durNs, exitNs, 0, 0, 4, file,
        null, 1, 0, "db-sync", 77, 0);
  }

  private void feed(FlightRecorder r, SyscallPair p) {
    clock.set(p.exitNs());
    r.accept(p);
  }

  private List<PairRecord> read(Path file, List<String> marks) throws IOException {
    List<PairRecord> out = new ArrayList<>();
    FlightFileReader.read(file, new PairSink() {
      @Override
      public void accept(SyscallPair pair) {
        out.add(pair.copy());
      }

      @Override
      public void mark(long timeNs, int pid, int tid, String label) {
        marks.add(timeNs + " " + pid + "/" + tid + " " + label);
      }
    });
    return out;
  }

  @Test
  void dumpHoldsTheWindowBeforeTheSlowCallAndTheAfterWindow() throws IOException {
    FlightTrigger slowFsync = FlightTrigger.slowCall(100 * MS, Set.of("fsync"), "/data/**");
    try (FlightRecorder r = recorder(2 * S, 64L << 20, 1 * S, 60 * S, slowFsync)) {
      for (int i = 0; i < 5_000; i++) { // 5 s of writes, one per ms
        feed(r, write(S + i * MS, i));
      }
      feed(r, fsync(6 * S, 50 * MS, "/data/wal")); // fast enough: no trigger
      feed(r, fsync(6 * S + 1, 300 * MS, "/tmp/other")); // slow but another path
      feed(r, fsync(6 * S + 2, 300 * MS, "/data/wal")); // fires
      for (int i = 1; i <= 1_000; i++) { // the after-window: its last pair ends it
        feed(r, write(6 * S + 2 + i * MS, i));
      }
      await(() -> dumps.size() == 1);
      for (int i = 1_001; i <= 2_000; i++) { // after the dump: not in it
        feed(r, write(6 * S + 2 + i * MS, i));
      }
      r.finish();
      assertEquals(1, dumps.size(), "one dump");
      FlightDump d = dumps.get(0);
      assertEquals("slow", d.firing().kind());
      assertTrue(d.firing().description().contains("fsync took 0.300000 s on /data/wal"),
          d.firing().description());
      List<String> marks = new ArrayList<>();
      List<PairRecord> pairs = read(d.file(), marks);
      assertEquals(List.of((6 * S + 2) + " 10/12 flight trigger: " + d.firing().description()),
          marks);
      // From trigger - 2 s to trigger + 1 s: writes exiting at 4.001..5.999 s, 3 fsyncs, the
      // after-window's 1,000 writes.
      assertEquals(4 * S + MS, pairs.get(0).exitNs());
      assertEquals(7 * S + 2, pairs.get(pairs.size() - 1).exitNs());
      assertEquals(d.pairs(), pairs.size());
      assertEquals(1, pairs.stream().filter(p -> p.durationNs() == 300 * MS
          && "/data/wal".equals(p.file())).count(), "the slow call is in the dump");
      assertEquals(1_999 + 3 + 1_000, pairs.size());
      assertEquals(write(4 * S + 2 * MS, 0), pairs.get(1), "every field survives the round trip");
      FlightStats s = r.stats();
      assertEquals(1, s.fired());
      assertEquals(1, s.dumps());
      assertEquals(0, s.overwritten());
      assertEquals(7_003, s.recorded());
    }
  }

  @Test
  void triggersWithinTheIntervalOrDuringADumpAreCounted() {
    FlightTrigger eio = FlightTrigger.errnoCall(List.of(FlightTrigger.errno("EIO")), null);
    try (FlightRecorder r = recorder(S, 1L << 20, 500 * MS, 10 * S, eio)) {
      PairRecord failed = new PairRecord(T.byName("write"), 1, 1, "x", 0, 0, 0, -5, 3, "/f",
          null, 1, 0);
      feed(r, at(failed, S)); // fires
      feed(r, at(failed, S + 100 * MS)); // a dump is pending: busy
      feed(r, at(failed, 2 * S)); // the clock passed the after-window; wait for the dump
      await(() -> r.stats().dumps() == 1);
      feed(r, at(failed, 3 * S)); // within 10 s of the first: rate-limited
      feed(r, at(failed, 12 * S)); // fires again
      r.finish();
      FlightStats s = r.stats();
      assertEquals(2, s.fired());
      assertEquals(2, s.dumps());
      assertEquals(1, s.rateLimited());
      assertTrue(s.busy() >= 1, "the trigger during the after-window");
      assertEquals(2, dumps.size());
      assertTrue(dumps.get(1).file().getFileName().toString().endsWith("-errno.iorfl"));
    }
  }

  @Test
  void userStacksSurviveTheRingAndTheDump() throws IOException {
    dev.ior.core.stack.CallStack chain = new dev.ior.core.stack.CallStack(
        List.of("main", "flush_log", "write_all", "write"));
    try (FlightRecorder r = recorder(S, 1L << 20, 0, 0)) {
      PairRecord plain = write(S, 0);
      PairRecord stacked = new PairRecord(plain.syscall(), 10, 11, "db", S, S + 1_000, 500, 4096,
          3, "/data/wal", null, 1, 4096, "db-writer", 77, 0, chain);
      feed(r, plain);
      feed(r, stacked);
      clock.set(S + 10 * MS);
      r.trigger("signal", "SIGUSR1");
      await(() -> dumps.size() == 1);
      r.finish();
      List<PairRecord> pairs = read(dumps.get(0).file(), new ArrayList<>());
      assertEquals(List.of(plain, stacked), pairs, "the stack kept, and no stack where none");
      assertEquals(dev.ior.core.stack.CallStack.NOT_TAKEN, pairs.get(0).stack());
    }
  }

  @Test
  void aManualTriggerFiresWhileNoCallComesIn() throws IOException {
    try (FlightRecorder r = recorder(S, 1L << 20, 0, 0)) {
      feed(r, write(S, 0));
      clock.set(S + 10 * MS);
      r.trigger("signal", "SIGUSR1");
      await(() -> dumps.size() == 1);
      r.finish();
      assertEquals(1, dumps.size());
      List<String> marks = new ArrayList<>();
      assertEquals(1, read(dumps.get(0).file(), marks).size());
      assertEquals(List.of((S + 10 * MS) + " 0/0 flight trigger: SIGUSR1"), marks);
      assertEquals("signal", FlightFileReader.header(dumps.get(0).file()).kind());
    }
  }

  @Test
  void memoryIsCappedAndTheWindowShrinksToWhatTheRingHolds() throws IOException {
    long bytes = 2L * FlightRing.SEGMENT * FlightRecorder.SLOT_BYTES; // two segments
    try (FlightRecorder r = recorder(3600 * S, bytes, 0, 0,
        FlightTrigger.slowCall(S, Set.of(), null))) {
      int n = 5 * FlightRing.SEGMENT;
      for (int i = 1; i <= n; i++) {
        feed(r, write(i * MS, i));
      }
      assertEquals(bytes, r.stats().allocatedBytes());
      assertEquals(bytes, r.stats().maxBytes());
      feed(r, fsync((n + 1) * MS + 2 * S, 2 * S, "/x"));
      r.finish();
      assertEquals(2L * FlightRing.SEGMENT, read(dumps.get(0).file(), new ArrayList<>()).size());
    }
  }

  @Test
  void refusesWhatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> FlightTrigger.errno("EWHAT"));
    assertEquals(28, FlightTrigger.errno("enospc"));
    assertThrows(IllegalArgumentException.class,
        () -> FlightTrigger.slowCall(0, Set.of(), null));
    assertThrows(IllegalArgumentException.class, () -> new FlightConfig(0, 1, 0, 0, List.of()));
    assertFalse(FlightFileReader.isFlightRecording(dir.resolve("none")));
  }

  @Test
  void aDamagedRecordingIsRefusedNamingTheFile() throws IOException {
    try (FlightRecorder r = recorder(S, 1L << 20, 0, 0)) {
      feed(r, write(S, 0));
      r.trigger("signal", "test");
      r.finish();
    }
    Path f = dumps.get(0).file();
    byte[] b = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.iorfl");
    Files.write(cut, java.util.Arrays.copyOf(b, b.length - 12));
    IOException e = assertThrows(IOException.class, () -> read(cut, new ArrayList<>()));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
  }

  private static PairRecord at(PairRecord p, long exitNs) {
    return new PairRecord(p.syscall(), p.pid(), p.tid(), p.comm(), exitNs - 1_000, exitNs,
        p.gapNs(), p.ret(), p.fd(), p.file(), p.file2(), p.flags(), p.bytes(), p.thread(),
        p.cgroupId(), p.marks());
  }

  private static void await(java.util.function.BooleanSupplier done) {
    long until = System.nanoTime() + 10 * S;
    while (!done.getAsBoolean() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
