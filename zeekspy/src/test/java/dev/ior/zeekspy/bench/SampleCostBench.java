// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.bench;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.ZeekSpy;
import dev.ior.zeekspy.ZeekSpyConfig;
import dev.ior.zeekspy.dwarf.DebugFiles;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.proc.PtraceStopper;
import dev.ior.zeekspy.proc.TargetStopper;
import dev.ior.zeekspy.proc.VmReadvMemory;
import dev.ior.zeekspy.sample.Limits;
import dev.ior.zeekspy.sample.SamplerStats;
import dev.ior.zeekspy.sample.StackWalker;
import dev.ior.zeekspy.sample.WalkOutcome;
import dev.ior.zeekspy.target.TargetResolver;
import dev.ior.zeekspy.target.ZeekTarget;
import dev.ior.zeekspy.testing.FixtureProcess;
import dev.ior.zeekspy.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark: the cost of one sample (µs of wall and CPU time) at stack depths 1, 10 and 50, for
 * both read modes, against the Zeek 3.0 stand-in holding a fixed stack; then the achievable rate
 * and the sampling share of wall time of real 1,000 Hz and 10,000 Hz runs. Prints numbers,
 * asserts nothing.
 *
 * <p>Run as root: {@code scripts/bench-zeekspy.sh warm [samples-per-measurement]}.
 */
public final class SampleCostBench {
  private static final int[] DEPTHS = {1, 10, 50};

  private SampleCostBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path exe = Fixtures.build(Fixtures.Variant.ZEEK30);
    System.out.printf(Locale.ROOT, "%-6s %-7s %10s %10s %12s %9s%n",
        "depth", "mode", "wall us", "cpu us", "max rate/s", "frames");
    for (int depth : DEPTHS) {
      try (FixtureProcess p = FixtureProcess.start(exe, "bench", Integer.toString(depth))) {
        measure(p.pid(), depth, "readv", TargetStopper.none(), n);
        measure(p.pid(), depth, "ptrace", new PtraceStopper(p.pid()), Math.max(1000, n / 10));
      }
    }
    for (int depth : DEPTHS) {
      try (FixtureProcess p = FixtureProcess.start(exe, "bench", Integer.toString(depth))) {
        run(p.pid(), depth, 1000);
      }
    }
    try (FixtureProcess p = FixtureProcess.start(exe, "bench", "10")) {
      run(p.pid(), 10, 10_000);
    }
  }

  /** Times {@code n} samples after {@code n} warm-up samples, all on this thread. */
  private static void measure(long pid, int depth, String mode, TargetStopper stopper, int n) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (VmReadvMemory mem = new VmReadvMemory(pid); TargetStopper s = stopper) {
      ZeekTarget t = TargetResolver.resolve(pid, LayoutCatalog.builtIn(), null,
          DebugFiles.DEFAULT_ROOT, mem);
      StackWalker w = new StackWalker(mem, t.layout().offsets(), t.callStackAddress(),
          t.frameStackAddress(), Limits.DEFAULT);
      List<Frame> frames = new ArrayList<>();
      s.attach();
      sample(s, w, frames, n); // warm-up: JIT and the walker's caches
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sample(s, w, frames, n);
      long wall = System.nanoTime() - t0;
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      double us = wall / 1e3 / n;
      System.out.printf(Locale.ROOT, "%-6d %-7s %10.2f %10.2f %12.0f %9d%n", depth, mode, us,
          cpu / 1e3 / n, 1e6 / us, frames.size());
    }
  }

  private static void sample(TargetStopper s, StackWalker w, List<Frame> frames, int n) {
    for (int i = 0; i < n; i++) {
      s.stop();
      WalkOutcome r;
      try {
        r = w.walk(frames);
      } finally {
        s.resume();
      }
      if (r != WalkOutcome.STACK) {
        throw new IllegalStateException("unexpected " + r + ": " + w.lastTornReason());
      }
    }
  }

  /**
   * A real sampling run at {@code hz} through the public API: 3 s of warm-up (JIT, caches), then
   * 5 s measured on their own.
   */
  private static void run(long pid, int depth, int hz) throws Exception {
    try (ZeekSpy spy = ZeekSpy.open(ZeekSpyConfig.of(pid).withHz(hz))) {
      spy.start();
      spy.awaitEnd(Duration.ofSeconds(3));
      SamplerStats warm = spy.stats();
      spy.awaitEnd(Duration.ofSeconds(5));
      SamplerStats st = spy.stop().stats().since(warm);
      System.out.printf(Locale.ROOT, "run depth %d at %d Hz (readv), after warm-up: %s%n",
          depth, hz, st.format());
    }
  }
}
