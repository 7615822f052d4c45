// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.proc.TargetStopper;
import dev.ior.zeekspy.testing.FakeZeek;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sampling loop: rate, skipped ticks, counters, stop and failure. */
class SamplerTest {
  private final Offsets o = LayoutCatalog.builtIn().layouts().get(0).offsets();
  private final AtomicInteger stacks = new AtomicInteger();
  private final AtomicInteger empties = new AtomicInteger();
  private final StackSink sink = new StackSink() {
    @Override
    public void stack(List<Frame> frames) {
      stacks.incrementAndGet();
    }

    @Override
    public void empty() {
      empties.incrementAndGet();
    }
  };

  private FakeZeek z;

  private StackWalker walker(boolean empty) {
    z = new FakeZeek(o);
    long f = z.func("zeek_init", 0, z.location("init.zeek", 1));
    if (!empty) {
      z.stacks(List.of(new long[] {0, f}), List.of(z.frame(z.stmt(z.location("init.zeek", 2)))));
    }
    return new StackWalker(z.memory(), o, FakeZeek.CALL_STACK, FakeZeek.FRAME_STACK,
        Limits.DEFAULT);
  }

  /** Runs {@code s} on its own thread for {@code millis} ms, stops it and returns its counters. */
  private static SamplerStats runFor(Sampler s, long millis) throws InterruptedException {
    Thread t = new Thread(s::run);
    t.start();
    Thread.sleep(millis);
    s.requestStop();
    t.join(2000);
    return s.stats();
  }

  @Test
  void samplesAtTheRequestedRateUntilStopped() throws Exception {
    SamplerStats st = runFor(new Sampler(walker(false), TargetStopper.none(), 200, sink,
        System::nanoTime, () -> false, 0), 500);
    // 100 ticks, each sampled or (on a loaded machine) skipped: the rate is kept, never bursts.
    long ticks = st.samples() + st.skipped();
    assertTrue(ticks >= 80 && ticks <= 110 && st.samples() >= ticks / 5, st.format());
    assertEquals(st.samples(), stacks.get());
    assertEquals(0, st.empty());
    assertTrue(st.busyNanos() > 0 && st.busyNanos() < st.elapsedNanos());
    assertTrue(st.format().startsWith("samples=" + st.samples() + " empty=0 torn=0 skipped="),
        st.format());
  }

  @Test
  void warmUpWalksBetweenTicksWithoutTakingSamples() throws Exception {
    SamplerStats st = runFor(new Sampler(walker(false), TargetStopper.none(), 200, sink,
        System::nanoTime, () -> false, 2_000), 500);
    // 500 ms at 200 Hz is 100 ticks, each either sampled or skipped (a loaded machine skips
    // ticks its thread was not scheduled for); warm-up walks are neither.
    long ticks = st.samples() + st.skipped();
    assertTrue(ticks >= 80 && ticks <= 110 && st.samples() >= ticks / 5, st.format());
    assertEquals(st.samples(), stacks.get(), "warm-up walks must not reach the sink");
    assertTrue(z.memory().reads() >= 2_000 + st.samples(), "reads " + z.memory().reads());
    assertEquals(st.samples(), st.sampleNanos().getTotalCount());
    assertTrue(st.microsPerSampleAt(99) >= st.microsPerSampleAt(50), st.format());
  }

  @Test
  void slowSamplesSkipTicksInsteadOfBursting() throws Exception {
    TargetStopper slow = new TargetStopper() {
      @Override
      public void attach() {}

      @Override
      public void stop() {
        try {
          Thread.sleep(5); // longer than two periods of 500 Hz
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void resume() {}

      @Override
      public void close() {}
    };
    SamplerStats st = runFor(new Sampler(walker(true), slow, 500, sink, System::nanoTime,
        () -> false, 0), 300);
    assertTrue(st.skipped() >= st.samples(), st.format());
    assertEquals(st.samples(), st.empty());
    assertEquals(st.empty(), empties.get());
    assertTrue(st.rate() < 250, st.format());
  }

  @Test
  void tornSampleOfAGoneTargetEndsSampling() {
    FakeZeek z = new FakeZeek(o);
    z.memory().putLong(FakeZeek.CALL_STACK + 8, 8); // not a vector: every sample is torn
    StackWalker w = new StackWalker(z.memory(), o, FakeZeek.CALL_STACK, FakeZeek.FRAME_STACK,
        Limits.DEFAULT);
    Sampler s = new Sampler(w, TargetStopper.none(), 1000, sink, System::nanoTime, () -> true, 0);
    ZeekSpyException e = assertThrows(ZeekSpyException.class, s::run);
    assertEquals(ZeekSpyException.Reason.TARGET_EXITED, e.reason());
  }

  @Test
  void statsSinceAnEarlierSnapshot() {
    SamplerStats a = new SamplerStats(10, 1, 0, 0, 1_000_000_000L, 1_000_000L, 2_000_000L);
    SamplerStats b = new SamplerStats(110, 3, 2, 1, 2_000_000_000L, 2_000_000L, 3_000_000L);
    SamplerStats d = b.since(a);
    assertEquals(100, d.samples());
    assertEquals(102.0, d.rate(), 1e-9);
    assertEquals(0.001, d.busyShare(), 1e-12);
    assertEquals(0.001, d.cpuShare(), 1e-12);
    assertEquals("samples=100 empty=2 torn=2 skipped=1 rate=102.0/s sampling=0.10% of wall"
        + " (9.8 us/sample, p99 0.0 us, thread cpu 0.10%)", d.format());
  }
}
