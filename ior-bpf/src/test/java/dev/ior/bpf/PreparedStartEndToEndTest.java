// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairRecord;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.LivePreparation;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceStream;
import dev.ior.core.trace.spi.LiveSourceProvider;
import dev.ior.core.trace.spi.RecordSource;
import dev.ior.testdata.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start ior's command line uses: the BPF programs load before the configuration is known
 * ({@link TraceStream#prepareLive}), and the filters are written after the load. The real source
 * on the real kernel, seen through a wrapper that records what it was handed.
 */
class PreparedStartEndToEndTest {
  @TempDir Path dir;

  @BeforeEach
  void requireBpf() {
    BpfRequirement.check();
  }

  /** The real live source, noting whether a start got preloaded programs and what was closed. */
  static final class Recording implements LiveSourceProvider {
    private final BpfLiveSource real = new BpfLiveSource();
    final List<Boolean> openedWithPreloaded = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch preloadedClosed = new CountDownLatch(1);

    @Override
    public void prepare() {
      real.prepare();
    }

    @Override
    public Preloaded preload(long ringBytes) throws TraceException {
      return new Wrapped(real.preload(ringBytes), preloadedClosed);
    }

    /** The real preloaded programs, counting their release. */
    record Wrapped(Preloaded inner, CountDownLatch closed) implements Preloaded {
      @Override
      public long ringBytes() {
        return inner.ringBytes();
      }

      @Override
      public void close() {
        closed.countDown();
        inner.close();
      }
    }

    @Override
    public RecordSource open(TraceConfig config, List<Syscall> selected, Consumer<String> w)
        throws TraceException {
      return real.open(config, selected, w);
    }

    @Override
    public RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
        Consumer<String> w, Preloaded preloaded) throws TraceException {
      openedWithPreloaded.add(preloaded != null);
      // The real source gets its own object, as LivePreparation hands it ours.
      Preloaded inner = preloaded instanceof Wrapped wrapped ? wrapped.inner() : null;
      return real.open(config, stacks, selected, w, inner);
    }
  }

  private static List<PairRecord> traceWorkload(TraceConfig config, LivePreparation prep,
      Path dir) throws Exception {
    List<PairRecord> pairs = Collections.synchronizedList(new ArrayList<>());
    try (TraceStream s = TraceStream.live(config).prepared(prep).endWithTarget(false)
        .onPair(p -> pairs.add(p.copy()))) {
      s.startAsync();
      Process p = new ProcessBuilder(Workload.binary().toString(), "seq", dir.toString())
          .inheritIO().start();
      assertEquals(0, p.waitFor(), "workload exit status");
      s.stop();
      s.awaitTermination();
      assertNull(s.failure());
    }
    return new ArrayList<>(pairs);
  }

  @Test
  void preloadedProgramsAreTakenAndFilterAsConfiguredAfterTheLoad() throws Exception {
    Recording source = new Recording();
    try (LivePreparation prep =
        TraceStream.prepareLive(source, TraceConfig.DEFAULT_RING_BYTES)) {
      List<PairRecord> pairs = traceWorkload(
          TraceConfig.builder().comm(Workload.COMM).build(), prep, dir);
      assertEquals(List.of(true), source.openedWithPreloaded);
      // The comm filter was written after the load: the workload's calls and nobody else's.
      assertFalse(pairs.isEmpty(), "no pairs traced");
      for (PairRecord p : pairs) {
        assertEquals(Workload.COMM, p.comm(), p.toString());
      }
      assertTrue(pairs.stream().anyMatch(p -> p.syscall().name().equals("openat")
          && p.file() != null && p.file().startsWith(dir.toString())), "the workload's opens");
    }
    assertEquals(1, source.preloadedClosed.getCount(), "taken programs belong to the trace");
  }

  @Test
  void programsLoadedWithAnotherRingAreClosedAndTheStartLoadsItsOwn() throws Exception {
    Recording source = new Recording();
    try (LivePreparation prep = TraceStream.prepareLive(source, 1 << 20)) {
      List<PairRecord> pairs = traceWorkload(
          TraceConfig.builder().comm(Workload.COMM).build(), prep, dir);
      assertEquals(List.of(false), source.openedWithPreloaded);
      assertTrue(source.preloadedClosed.await(0, TimeUnit.SECONDS), "the 1 MiB load closed");
      assertFalse(pairs.isEmpty(), "no pairs traced");
    }
  }

  @Test
  void closingAnUnusedPreparationReleasesItsPrograms() throws Exception {
    Recording source = new Recording();
    LivePreparation prep = TraceStream.prepareLive(source, TraceConfig.DEFAULT_RING_BYTES);
    prep.close(); // most likely before the load ends: released when it does
    assertTrue(source.preloadedClosed.await(30, TimeUnit.SECONDS), "never released");
  }
}
