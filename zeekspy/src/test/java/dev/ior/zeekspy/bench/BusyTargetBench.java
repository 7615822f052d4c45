// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.bench;

import dev.ior.zeekspy.ZeekSpy;
import dev.ior.zeekspy.ZeekSpyConfig;
import dev.ior.zeekspy.dwarf.DebugFiles;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.proc.ReadBatch;
import dev.ior.zeekspy.proc.TargetStopper;
import dev.ior.zeekspy.proc.VmReadvMemory;
import dev.ior.zeekspy.profile.ProfileBuilder;
import dev.ior.zeekspy.sample.Limits;
import dev.ior.zeekspy.sample.Sampler;
import dev.ior.zeekspy.sample.SamplerStats;
import dev.ior.zeekspy.sample.StackWalker;
import dev.ior.zeekspy.target.TargetResolver;
import dev.ior.zeekspy.target.ZeekTarget;
import dev.ior.zeekspy.testing.FixtureProcess;
import dev.ior.zeekspy.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark: zeekspy as users run it. The Zeek 3.0 stand-in holds a stack of depth 10 and spins
 * on the last CPU ({@code taskset}), rewriting its top frame's statement, while zeekspy samples it
 * through the public API on its own thread (not pinned: where the scheduler puts it). For each
 * rate and run length it prints, for the first second and for the rest: samples, the mean and
 * p99 wall time of one sample, and the sampling thread's CPU time as a share of one core
 * (including timer wake-ups and the warm-up). Then the floor of this machine: a thread that only
 * sleeps one period and makes one {@code process_vm_readv} of 24 bytes. Prints numbers, asserts
 * nothing.
 *
 * <p>Run as root: {@code scripts/bench-zeekspy.sh [DEPTH [SECONDS,... [HZ,...]]]} (defaults 10,
 * {@code 5,60}, {@code 100,331}). {@code scripts/bench-zeekspy.sh jit [SECONDS]} instead shows
 * what the warm-up buys: second by second at 100 Hz, the sampler without and with it, each in a
 * JVM of its own ({@code BusyTargetBench jit SECONDS WARM_UP_WALKS}).
 */
public final class BusyTargetBench {
  private BusyTargetBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jit")) {
      jit(args.length > 1 ? Integer.parseInt(args[1]) : 10,
          args.length > 2 ? Integer.parseInt(args[2]) : Sampler.DEFAULT_WARM_UP_WALKS);
      return;
    }
    int depth = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int[] seconds = ints(args.length > 1 ? args[1] : "5,60");
    int[] rates = ints(args.length > 2 ? args[2] : "100,331");
    Path exe = Fixtures.build(Fixtures.Variant.ZEEK30);
    int cpus = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "zeekspy on a busy target: depth %d, %d CPUs, target pinned to"
        + " CPU %d, load average %s%n", depth, cpus, cpus - 1, loadAverage());
    System.out.printf(Locale.ROOT, "%5s %6s %-12s %8s %10s %10s %9s %7s %7s%n", "hz", "run s",
        "part", "samples", "mean us", "p99 us", "cpu %", "torn", "skipped");
    for (int s : seconds) {
      for (int hz : rates) {
        try (FixtureProcess p = busyTarget(exe, depth, cpus)) {
          run(p.pid(), hz, s);
        }
      }
    }
    // A target whose stack changes every 1-8 ms (the four stacks of `cycle`): top frames and
    // depths differ between samples, so samples take the second read and may be retried.
    for (int hz : rates) {
      try (FixtureProcess p = pin(FixtureProcess.start(exe, "-busy", "cycle"), cpus)) {
        System.out.println("changing stacks (zeek_fixture -busy cycle):");
        run(p.pid(), hz, 10);
      }
    }
    for (int hz : rates) {
      try (FixtureProcess p = busyTarget(exe, depth, cpus)) {
        floor(p.pid(), hz, 5);
      }
    }
  }

  private static FixtureProcess busyTarget(Path exe, int depth, int cpus) throws Exception {
    return pin(FixtureProcess.start(exe, "-busy", "bench", Integer.toString(depth)), cpus);
  }

  /** Pins {@code p} to the last CPU, leaving the others to zeekspy (and everything else). */
  private static FixtureProcess pin(FixtureProcess p, int cpus) throws Exception {
    if (cpus > 1) {
      Process t = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpus - 1),
          Long.toString(p.pid())).redirectErrorStream(true).start();
      t.getInputStream().readAllBytes();
      t.waitFor();
    }
    return p;
  }

  /**
   * Second by second at 100 Hz, depth 10: a sampler with {@code warm} warm-up walks. Run it in a
   * fresh JVM: code compiled by an earlier run would hide the difference.
   */
  private static void jit(int seconds, int warm) throws Exception {
    Path exe = Fixtures.build(Fixtures.Variant.ZEEK30);
    System.out.printf(Locale.ROOT, "%d warm-up walks, 100 Hz, depth 10, load average %s%n", warm,
        loadAverage());
    System.out.printf(Locale.ROOT, "%6s %8s %10s %10s %9s%n", "second", "samples", "mean us",
        "p99 us", "cpu %");
    try (FixtureProcess p = busyTarget(exe, 10, Runtime.getRuntime().availableProcessors());
        VmReadvMemory mem = new VmReadvMemory(p.pid())) {
      ZeekTarget t = TargetResolver.resolve(p.pid(), LayoutCatalog.builtIn(), null,
          DebugFiles.DEFAULT_ROOT, mem);
      Sampler s = new Sampler(new StackWalker(mem, t.layout().offsets(), t.callStackAddress(),
          t.frameStackAddress(), Limits.DEFAULT), TargetStopper.none(), 100,
          new ProfileBuilder(100), System::nanoTime, () -> false, warm);
      Thread th = new Thread(s::run, "bench-sampler");
      th.start();
      SamplerStats last = s.stats();
      for (int i = 1; i <= seconds; i++) {
        Thread.sleep(1000);
        SamplerStats now = s.stats();
        SamplerStats d = now.since(last);
        System.out.printf(Locale.ROOT, "%6d %8d %10.1f %10.1f %9.2f%n", i, d.samples(),
            d.microsPerSample(), d.microsPerSampleAt(99), d.cpuShare() * 100);
        last = now;
      }
      s.requestStop();
      th.join();
    }
  }

  /** One zeekspy run of {@code seconds} at {@code hz}: the first second, then the rest. */
  private static void run(long pid, int hz, int seconds) throws Exception {
    try (ZeekSpy spy = ZeekSpy.open(ZeekSpyConfig.of(pid).withHz(hz))) {
      spy.start();
      spy.awaitEnd(Duration.ofSeconds(1));
      SamplerStats first = spy.stats();
      spy.awaitEnd(Duration.ofSeconds(seconds - 1));
      SamplerStats all = spy.stop().stats();
      print(hz, seconds, "first second", first);
      print(hz, seconds, "after", all.since(first));
      print(hz, seconds, "whole run", all);
    }
  }

  private static void print(int hz, int seconds, String part, SamplerStats s) {
    System.out.printf(Locale.ROOT, "%5d %6d %-12s %8d %10.1f %10.1f %9.2f %7d %7d%n", hz, seconds,
        part, s.samples() + s.torn(), s.microsPerSample(), s.microsPerSampleAt(99),
        s.cpuShare() * 100, s.torn(), s.skipped());
  }

  /**
   * What the machine costs before zeekspy does anything: sleep until the next tick, then one
   * {@code process_vm_readv} of the call_stack header, timed like a sample.
   */
  private static void floor(long pid, int hz, int seconds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long period = 1_000_000_000L / hz;
    int n = hz * seconds;
    long[] wall = new long[n];
    try (VmReadvMemory mem = new VmReadvMemory(pid)) {
      ReadBatch b = new ReadBatch(1, 64);
      long address = headerAddress(pid);
      for (int i = 0; i < 1000; i++) { // compile the read path, as zeekspy's warm-up does
        b.clear();
        b.add(address, 24);
        mem.read(b);
      }
      long cpu0 = mx.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long deadline = start + (i + 1) * period;
        for (long left = deadline - System.nanoTime(); left > 0;
            left = deadline - System.nanoTime()) {
          LockSupport.parkNanos(left);
        }
        long t0 = System.nanoTime();
        b.clear();
        b.add(address, 24);
        mem.read(b);
        wall[i] = System.nanoTime() - t0;
      }
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      long elapsed = System.nanoTime() - start;
      Arrays.sort(wall);
      System.out.printf(Locale.ROOT, "%5d %6d %-12s %8d %10.1f %10.1f %9.2f   (floor: sleep +"
          + " one 24-byte process_vm_readv)%n", hz, seconds, "floor", n,
          Arrays.stream(wall).average().orElse(0) / 1e3, wall[n * 99 / 100] / 1e3,
          cpu * 100.0 / elapsed);
    }
  }

  private static long headerAddress(long pid) {
    try (ZeekSpy spy = ZeekSpy.open(ZeekSpyConfig.of(pid))) {
      return spy.target().callStackAddress();
    }
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
