// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.spi.LiveSourceProvider;
import dev.ior.core.trace.spi.RecordSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Who owns programs loaded ahead of a start, when the load fails, is late or is never used.
 * ior-bpf's PreparedStartEndToEndTest runs the same hand-over with the real kernel.
 */
class LivePreparationTest {
  private static final TraceConfig CONFIG = TraceConfig.builder().build();

  /** A source whose preload waits for {@code release} and then loads or fails. */
  static final class Source implements LiveSourceProvider {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicReference<Preloaded> handed = new AtomicReference<>();
    final boolean fail;

    Source(boolean fail) {
      this.fail = fail;
    }

    @Override
    public Preloaded preload(long ringBytes) throws TraceException {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) {
        throw new TraceException("no privileges");
      }
      return new Preloaded() {
        @Override
        public long ringBytes() {
          return ringBytes;
        }

        @Override
        public void close() {
          closed.countDown();
        }
      };
    }

    @Override
    public RecordSource open(TraceConfig config, List<Syscall> selected, Consumer<String> w)
        throws TraceException {
      throw new TraceException("this test opens only through a preparation");
    }

    @Override
    public RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
        Consumer<String> w, Preloaded preloaded) throws TraceException {
      handed.set(preloaded);
      throw new TraceException("opened");
    }
  }

  private static void open(LivePreparation p) {
    TraceException e = assertThrows(TraceException.class,
        () -> p.open(CONFIG, StackPolicy.OFF, List.of(), w -> { }));
    assertEquals("opened", e.getMessage());
  }

  @Test
  void theStartWaitsForTheLoadAndTakesItsPrograms() throws Exception {
    Source s = new Source(false);
    try (LivePreparation p = TraceStream.prepareLive(s, CONFIG.ringBytes())) {
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        s.release.countDown();
      });
      releaser.start();
      open(p); // blocks until the preload returns
      assertEquals(CONFIG.ringBytes(), s.handed.get().ringBytes());
    }
    assertEquals(1, s.closed.getCount(), "the start owns what it took; close() left it alone");
  }

  @Test
  void aFailedLoadLeavesTheStartToLoadAndReport() throws Exception {
    Source s = new Source(true);
    s.release.countDown();
    try (LivePreparation p = TraceStream.prepareLive(s, CONFIG.ringBytes())) {
      open(p);
      assertNull(s.handed.get());
    }
  }

  @Test
  void programsOfAnotherRingSizeAreClosedNotHanded() throws Exception {
    Source s = new Source(false);
    s.release.countDown();
    try (LivePreparation p = TraceStream.prepareLive(s, 1 << 20)) {
      open(p);
      assertNull(s.handed.get());
      assertTrue(s.closed.await(0, TimeUnit.SECONDS));
    }
  }

  @Test
  void closedBeforeTheLoadEndsReleasesWhenItDoes() throws Exception {
    Source s = new Source(false);
    LivePreparation p = TraceStream.prepareLive(s, CONFIG.ringBytes());
    p.close();
    assertEquals(1, s.closed.getCount());
    s.release.countDown();
    assertTrue(s.closed.await(10, TimeUnit.SECONDS), "released when the load ended");
    assertSame(null, s.handed.get());
  }

  @Test
  void ringZeroBindsOnlyAndLoadsNothing() throws Exception {
    Source s = new Source(false);
    try (LivePreparation p = TraceStream.prepareLive(s, 0)) {
      open(p); // preload never called: its latch would block
      assertNull(s.handed.get());
    }
  }
}
