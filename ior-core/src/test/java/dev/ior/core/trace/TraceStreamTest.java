// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one trace API over a recording: life cycle, errors that cannot be missed, the pair view. */
class TraceStreamTest {
  private static final SyscallTable T = SyscallTable.standard();

  @TempDir Path dir;

  private Path recording(int iterations) throws IOException {
    Path file = dir.resolve("t.iorrec");
    try (RecordFileWriter rec = RecordFileWriter.create(file, 1_700_000_000_000_000_000L)) {
      SyntheticStream.encode(T, iterations, true).forEach(rec);
    }
    return file;
  }

  @Test
  void replayRunsToTheEndAndReportsOnce() throws Exception {
    List<PairRecord> pairs = new ArrayList<>();
    AtomicInteger closed = new AtomicInteger();
    try (TraceStream s = TraceStream.openFile(recording(50), TraceConfig.builder().build())) {
      s.onPair(p -> pairs.add(p.copy())).onClose(closed::incrementAndGet);
      s.start(); // blocks until the recording's end
      assertEquals(EndReason.SOURCE_ENDED, s.endReason());
      TraceStats st = s.stats();
      assertEquals(pairs.size(), st.calls().emitted());
      assertTrue(st.calls().paired() > 100, "pairs: " + st.calls().paired());
      assertEquals(0, st.lost());
      assertFalse(s.isLive());
      assertEquals(Instant.ofEpochSecond(1_700_000_000L, 5), s.wallClock(5));
    }
    assertEquals(1, closed.get());
  }

  @Test
  void theConsumerReadsBesideTheWarmUpAndAFailedOneIsSaid() throws Exception {
    CountDownLatch firstPair = new CountDownLatch(1);
    AtomicBoolean warmUpEnded = new AtomicBoolean();
    AtomicReference<Boolean> endedAtFirstPair = new AtomicReference<>();
    try (TraceStream s = TraceStream.openFile(recording(20), TraceConfig.builder().build())) {
      s.warmUp(() -> {
        try {
          firstPair.await(10, TimeUnit.SECONDS); // ends early only if the consumer reads
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        warmUpEnded.set(true);
      }).onPair(p -> {
        if (endedAtFirstPair.compareAndSet(null, warmUpEnded.get())) {
          firstPair.countDown();
        }
      }).start();
    }
    assertEquals(Boolean.FALSE, endedAtFirstPair.get(), "the consumer waited for the warm-up");

    BlockingQueue<String> warnings = new LinkedBlockingQueue<>(); // said from ior-warm-up
    AtomicInteger pairs = new AtomicInteger();
    try (TraceStream s = TraceStream.openFile(recording(20), TraceConfig.builder().build())) {
      s.warmUp(() -> {
        throw new IllegalStateException("no JIT today");
      }).onWarning(warnings::add).onPair(p -> pairs.incrementAndGet()).start();
    }
    assertTrue(pairs.get() > 0, "the trace goes on cold");
    assertEquals("the warm-up failed (java.lang.IllegalStateException: no JIT today);"
        + " tracing without it", warnings.poll(10, TimeUnit.SECONDS));
    assertNull(warnings.poll(), "one warning");
  }

  @Test
  void aCommandIsReleasedAfterTheWarmUp() throws Exception {
    AtomicBoolean warmUpEnded = new AtomicBoolean();
    AtomicReference<Boolean> endedAtRelease = new AtomicReference<>();
    HeldProcess held = new HeldProcess() {
      @Override
      public int pid() {
        return 1;
      }

      @Override
      public void release() {
        endedAtRelease.set(warmUpEnded.get());
      }

      @Override
      public boolean isAlive() {
        return false;
      }
    };
    try (TraceStream s = TraceStream.openFile(recording(20), TraceConfig.builder().build())) {
      s.warmUp(() -> {
        try {
          Thread.sleep(200); // longer than opening the recording takes
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        warmUpEnded.set(true);
      }).command(held).start();
    }
    assertEquals(Boolean.TRUE, endedAtRelease.get(), "released before the warm-up ended");
  }

  @Test
  void filtersOfAReplayRunInUserSpace() throws Exception {
    List<PairRecord> pairs = new ArrayList<>();
    try (TraceStream s = TraceStream.openFile(recording(20),
        TraceConfig.builder().syscalls(List.of("fsync")).tracepoints(List.of("^$"), List.of())
            .path("/tmp").build())) {
      s.onPair(p -> pairs.add(p.copy())).start();
      assertTrue(s.stats().calls().emitted() < s.stats().calls().paired());
    }
    assertTrue(pairs.stream().allMatch(p -> p.file() != null && p.file().contains("/tmp")));
  }

  @Test
  void aFailingSinkStopsTheTraceAndItsErrorCannotBeMissed() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    IllegalStateException boom = new IllegalStateException("disk full");
    TraceStream s = TraceStream.openFile(recording(50), TraceConfig.builder().build());
    AtomicInteger calls = new AtomicInteger();
    s.onPair(p -> {
      if (calls.incrementAndGet() == 3) {
        throw boom;
      }
    }).onError(seen::set);
    s.startAsync();
    TraceFailedException e = assertThrows(TraceFailedException.class, s::awaitTermination);
    assertSame(boom, e.getCause());
    assertSame(boom, seen.get(), "onError saw it");
    assertEquals(EndReason.FAILED, s.endReason());
    assertThrows(TraceFailedException.class, s::stop, "stop() rethrows it too");
    assertEquals(3, calls.get(), "the trace stopped at the failure");
    s.close(); // thrown already: close does not throw it again
  }

  @Test
  void closeThrowsAFailureNobodyAskedFor() throws Exception {
    TraceStream s = TraceStream.openFile(recording(5), TraceConfig.builder().build());
    s.onPair(p -> {
      throw new IllegalStateException("lost");
    });
    s.startAsync();
    assertThrows(TraceFailedException.class, s::close);
  }

  @Test
  void aKeptViewFailsInsteadOfBecomingTheLastPair() throws Exception {
    List<SyscallPair> kept = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    try (TraceStream s = TraceStream.openFile(recording(2), TraceConfig.builder().build())) {
      s.onPair(p -> {
        kept.add(p);
        printed.add(p.toString());
      }).start();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).file());
    assertTrue(e.getMessage().contains("pair.copy()"), e.getMessage());
    assertTrue(kept.get(0).toString().contains("expired"), kept.get(0).toString());
    assertTrue(printed.stream().anyMatch(l -> l.matches("openat\\(/.*\\) = \\d+ <.*us> .*@\\d+\\.\\d+")),
        String.join("\n", printed));
  }

  @Test
  void aRecordAndACopyPrintAsTheViewDid() throws Exception {
    List<String> views = new ArrayList<>();
    List<PairRecord> copies = new ArrayList<>();
    try (TraceStream s = TraceStream.openFile(recording(16), TraceConfig.builder().build())) {
      s.onPair(p -> {
        views.add(p.toString());
        copies.add(p.copy());
      }).start();
    }
    assertEquals(views, copies.stream().map(PairRecord::toString).toList());
    assertTrue(views.stream().anyMatch(v -> v.contains(" = -2 ENOENT")), String.join("\n", views));
  }

  @Test
  void configuringAfterStartIsRefusedAndAnInvalidSelectionEarly() throws Exception {
    TraceStream s = TraceStream.openFile(recording(2), TraceConfig.builder().build());
    s.start();
    assertThrows(IllegalStateException.class, () -> s.onPair(p -> { }));
    s.close();
    TraceException e = assertThrows(TraceException.class, () -> TraceStream.openFile(
        recording(1), TraceConfig.builder().syscalls(List.of("no_such_call")).build()));
    assertTrue(e.getMessage().contains("no_such_call"), e.getMessage());
  }

  @Test
  void aMissingPidIsRefusedWithItsKind() {
    NoSuchTargetException e = assertThrows(NoSuchTargetException.class,
        () -> TraceStream.live(TraceConfig.builder().pid(2_147_483_646).build()));
    assertEquals(2_147_483_646, e.id());
    assertFalse(e.isThread());
  }

  @Test
  void aMissingRecordingIsAnIoError() {
    IOException e = assertThrows(IOException.class,
        () -> TraceStream.openFile(dir.resolve("none.iorrec"), TraceConfig.builder().build()));
    assertTrue(e.getMessage().contains("none.iorrec"), e.getMessage());
  }

  @Test
  void everyLossKindIsInTheReport() throws Exception {
    try (TraceStream s = TraceStream.openFile(recording(2), TraceConfig.builder().build())) {
      s.start();
      String report = dev.ior.core.stats.StatsReport.format(s.stats(), "replayed", false);
      for (LossKind k : LossKind.values()) {
        assertTrue(report.contains(k.words() + " 0"), k + " in:\n" + report);
      }
      assertNotNull(s.stats().losses());
    }
    assertTrue(Files.exists(dir.resolve("t.iorrec")));
    assertTrue(Duration.ZERO.isZero());
  }
}
