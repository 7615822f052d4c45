// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.bench;

import dev.ior.cli.clickhouse.ClickHouseOptions;
import dev.ior.cli.clickhouse.ClickHouseOutput;
import dev.ior.cli.clickhouse.ClickHouseStats;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.testing.ClickHouseServer;
import dev.ior.core.flight.Firing;
import dev.ior.core.flight.FlightConfig;
import dev.ior.core.flight.FlightDump;
import dev.ior.core.flight.FlightHeader;
import dev.ior.core.flight.FlightRecorder;
import dev.ior.core.flight.FlightTrigger;
import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.parquet.ParquetPairWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;

/**
 * What the trace's sinks cost on the consumer thread, beside an anchor sink that only reads the
 * pair: the flight recorder (ns per pair, heap per retained second at 100,000 pairs/s), the
 * ClickHouse sink (pairs/s on one core: consumer plus sender CPU, against a real server started
 * here; then with the server down: drops counted, RSS bounded) and the Parquet writer (pairs/s,
 * bytes per pair). CPU is thread CPU time (ThreadMXBean), not wall time: the machine is shared.
 * Run: {@code scripts/bench-sinks.sh [PAIRS]}.
 */
public final class SinksBenchmark {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final long STEP_NS = 10_000; // 100,000 pairs/s on the pairs' clock

  private final MutablePair p = new MutablePair();
  private final Syscall[] syscalls;
  private final String[] files = new String[200];
  private long clockNs = 1_000_000_000L;

  private SinksBenchmark() {
    SyscallTable t = SyscallTable.standard();
    syscalls = new Syscall[] {t.byName("read"), t.byName("write"), t.byName("pread64"),
        t.byName("pwrite64"), t.byName("openat"), t.byName("close")};
    for (int i = 0; i < files.length; i++) {
      files[i] = ("/var/lib/db/base/16384/" + (10_000 + i)).intern();
    }
    p.comm = "postgres";
    p.thread = "postgres";
    p.pid = 4242;
  }

  /** The next pair (one reused view, as the pipeline hands out). */
  private MutablePair next(int i) {
    clockNs += STEP_NS;
    p.syscall = syscalls[i % syscalls.length];
    p.tid = 4242 + (i & 7);
    p.enterNs = clockNs - 3_000 - (i & 1023);
    p.exitNs = clockNs;
    p.gapNs = 500 + (i & 255);
    p.ret = (i % 97 == 0) ? -11 : 8192;
    p.fd = 3 + (i & 15);
    p.file = files[i % files.length];
    p.flags = 2;
    p.bytes = p.ret > 0 ? 8192 : 0;
    p.cgroupId = 77;
    return p;
  }

  /** Thread CPU ns per pair of feeding {@code n} pairs into {@code sink}. */
  private double feed(PairSink sink, int n) {
    long cpu0 = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink.accept(next(i));
      if ((i & 4095) == 4095) {
        sink.flush();
      }
    }
    return (MX.getCurrentThreadCpuTime() - cpu0) / (double) n;
  }

  private static long rssKib() throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private static long heapUsed() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static final class Anchor implements PairSink {
    long sum;

    @Override
    public void accept(dev.ior.core.event.SyscallPair pair) {
      sum += pair.bytes() + pair.durationNs() + pair.file().length();
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    SinksBenchmark b = new SinksBenchmark();
    Path tmp = Files.createTempDirectory("ior-bench-sinks");
    Anchor anchor = new Anchor();
    b.feed(anchor, n); // warm-up
    double anchorNs = b.feed(anchor, n);
    System.out.printf(Locale.ROOT, "anchor (reads the pair):      %7.1f ns/pair CPU%n", anchorNs);

    // Flight recorder: 60 s window, 1 GiB cap (not reached); second pass = steady state.
    long heap0 = heapUsed();
    FlightRecorder fr = new FlightRecorder(new FlightConfig(60_000_000_000L, 1L << 30, 0, 0,
        List.of(FlightTrigger.slowCall(1_000_000_000L, Set.of("fsync"), null))),
        System::nanoTime, new FlightRecorder.Target() {
          @Override
          public Path file(Firing f) {
            return tmp.resolve("x.iorfl");
          }

          @Override
          public FlightHeader header(Firing f, long w, long a) {
            return new FlightHeader(0, f.timeNs(), w, a, 0, 0, f.kind(), f.description(), "b");
          }
        });
    double firstNs = b.feed(fr, n);
    double flightNs = b.feed(fr, n);
    long heap1 = heapUsed();
    long slots = fr.stats().allocatedBytes() / FlightRecorder.SLOT_BYTES; // whole segments
    double perPair = (heap1 - heap0) / (double) slots;
    System.out.printf(Locale.ROOT, "flight recorder append:       %7.1f ns/pair CPU (first pass,"
        + " allocating segments: %.1f); +%.1f over the anchor%n", flightNs, firstNs,
        flightNs - anchorNs);
    System.out.printf(Locale.ROOT, "flight recorder heap:         %7.1f bytes/pair measured"
        + " (%d declared) = %.1f MB per retained second at 100,000 pairs/s; RSS %,d KiB%n",
        perPair, FlightRecorder.SLOT_BYTES, perPair * 100_000 / 1e6, rssKib());
    fr.close();
    fr = null;
    heapUsed();

    // Parquet (ZSTD) to a file.
    Path pq = tmp.resolve("bench.parquet");
    ParquetPairWriter w = ParquetPairWriter.create(pq, new ParquetPairWriter.Options("bench", 0,
        PairLabels.CURRENT, true, 16L << 20));
    b.feed(w, n / 4); // warm-up rows, in the same file
    double parquetNs = b.feed(w, n);
    long cpu0 = MX.getCurrentThreadCpuTime();
    w.close();
    double closeMs = (MX.getCurrentThreadCpuTime() - cpu0) / 1e6;
    System.out.printf(Locale.ROOT, "parquet (ZSTD):               %7.1f ns/pair CPU = %,.0f pairs/s"
        + " on one core; %.1f bytes/pair on disk; close %.0f ms; RSS %,d KiB%n", parquetNs,
        1e9 / parquetNs, Files.size(pq) / (double) (n + n / 4), closeMs, rssKib());

    // ClickHouse against a real server on loopback.
    try (ClickHouseServer ch = ClickHouseServer.create(tmp.resolve("ch"))) {
      ClickHouseOptions o = new ClickHouseOptions();
      new CommandLine(o).parseArgs("-clickhouse", ch.url(), "-clickhouse-create",
          "-clickhouse-table", "bench.events", "-clickhouse-drain", "120s");
      ClickHouseOutput out = (ClickHouseOutput) o.output(new WallClock(0), "bench",
          PairLabels.CURRENT);
      PairSink sink = out.sink();
      long rss0 = rssKib();
      long t0 = System.nanoTime();
      double consumerNs = b.feed(sink, n);
      sink.finish();
      Thread sender = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("ior-clickhouse")).findFirst().orElse(null);
      long senderCpu = sender == null ? 0 : MX.getThreadCpuTime(sender.getId());
      out.finish(null, new PrintWriter(System.out, true));
      long wallNs = System.nanoTime() - t0;
      senderCpu = Math.max(senderCpu, sender == null ? 0 : MX.getThreadCpuTime(sender.getId()));
      ClickHouseStats s = out.stats();
      double perPairCpu = consumerNs + senderCpu / (double) n;
      System.out.printf(Locale.ROOT, "clickhouse sink:              %7.1f ns/pair consumer CPU +"
          + " %.1f sender = %,.0f pairs/s on one core; wall %.1f s (server included) = %,.0f"
          + " pairs/s; sent %,d, dropped %,d; RSS %,d -> %,d KiB%n", consumerNs,
          senderCpu / (double) n, 1e9 / perPairCpu, wallNs / 1e9, n / (wallNs / 1e9),
          s.rowsSent(), s.dropped(), rss0, rssKib());
      System.out.println("clickhouse rows: " + ch.query("SELECT count() FROM bench.events").strip());

      // Server down: the queue fills, the rest is dropped and counted; memory stays bounded.
      ch.stop();
      new CommandLine(o = new ClickHouseOptions()).parseArgs("-clickhouse", ch.url(),
          "-clickhouse-table", "bench.events", "-clickhouse-drain", "1s");
      ch.start();
      ClickHouseOutput down = (ClickHouseOutput) o.output(new WallClock(0), "bench",
          PairLabels.CURRENT);
      ch.stop();
      long rssDown0 = rssKib();
      double downNs = b.feed(down.sink(), n);
      long rssDown1 = rssKib();
      down.sink().finish();
      down.finish(null, new PrintWriter(System.out, true));
      ClickHouseStats d = down.stats();
      System.out.printf(Locale.ROOT, "clickhouse down:              %7.1f ns/pair consumer CPU;"
          + " dropped %,d (queue full %,d, at stop %,d) of %,d; RSS %,d -> %,d KiB%n", downNs,
          d.dropped(), d.droppedQueueFull(), d.droppedAtStop(), n, rssDown0, rssDown1);
    }
  }
}
