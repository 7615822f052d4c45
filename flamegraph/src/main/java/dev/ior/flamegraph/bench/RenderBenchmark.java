// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.bench;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.LineReport;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark program: renders a folded file to SVG several times in one JVM (streaming lines
 * into the frame tree, as {@code bin/flamegraph} does) and prints, per run, the wall time of each
 * phase (read and tree, render), then output size, frame count, JVM uptime
 * and peak RSS (VmHWM from /proc/self/status). It prints numbers and asserts nothing; for the
 * JVM-start-included number run {@code flamegraph/bench/render-bench.sh}.
 *
 * <pre>
 * java -cp flamegraph/target/classes dev.ior.flamegraph.bench.RenderBenchmark \
 *     in.collapsed out.svg 5
 * </pre>
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  /**
   * Arguments: input folded file, output SVG, number of runs (default 5).
   *
   * @param args input folded file, output SVG, number of runs
   * @throws IOException when the input cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RenderBenchmark IN.collapsed OUT.svg [RUNS]");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SvgStats stats = null;
    for (int run = 1; run <= runs; run++) {
      stats = once(in, out, run);
    }
    System.out.printf(Locale.ROOT, "output %s: %,d bytes, %d frames (%d merged), total %,d%n",
        out, stats.bytes(), stats.frames(), stats.mergedFrames(), stats.total());
    System.out.printf(Locale.ROOT, "jvm uptime %d ms, peak RSS (VmHWM) %s%n",
        ManagementFactory.getRuntimeMXBean().getUptime(), peakRss());
  }

  private static SvgStats once(Path in, Path out, int run) throws IOException {
    long t0 = System.nanoTime();
    FrameTree.Builder builder = FrameTree.builder();
    LineReport report;
    try (InputStream s = Files.newInputStream(in)) {
      report = CollapsedReader.stream(s, CollapsedOptions.defaults(), builder::add);
    }
    FrameTree tree = builder.build();
    long t1 = System.nanoTime();
    SvgStats s;
    try (OutputStream o = run == 1 ? Files.newOutputStream(out) : new ByteArrayOutputStream()) {
      s = SvgRenderer.render(tree, SvgOptions.defaults(), o);
    }
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT,
        "run %d: read+tree %d ms (%,d lines, %d malformed, %,d nodes), render %d ms,"
            + " total %d ms%n",
        run, ms(t1 - t0), report.lines(), report.malformedCount(), tree.nodeCount(),
        ms(t2 - t1), ms(t2 - t0));
    return s;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** VmHWM from /proc/self/status, or "n/a" off Linux. */
  static String peakRss() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String l : lines) {
        if (l.startsWith("VmHWM:")) {
          return l.substring(6).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: fall through
    }
    return "n/a";
  }
}
