// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.event.PairRecord;
import dev.ior.core.metrics.MetricsOptions;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * {@code ior serve}'s outputs at their series cap, in a JVM of their own (the test that starts
 * it chooses the heap): {@code SERIES} series of {@code SERIES / 4} comms times 4 syscalls, with
 * errors and latencies over many buckets, and {@code PATHS} distinct paths per second in the
 * profile window. Prints "port N" once it serves, then keeps counting into the same series
 * until its stdin closes.
 */
public final class ServeAtCapMain {
  private ServeAtCapMain() {}

  public static void main(String[] args) throws Exception {
    int series = Integer.parseInt(args[0]);
    int paths = Integer.parseInt(args[1]);
    SyscallTable table = SyscallTable.standard();
    Syscall[] syscalls = {table.byName("read"), table.byName("write"), table.byName("openat"),
        table.byName("close")};
    ExporterServer http = ExporterServer.bind(new InetSocketAddress("127.0.0.1", 0));
    ServeOutput serve = new ServeOutput(http, new MetricsOptions(series, Duration.ofMinutes(5)),
        PairLabels.CURRENT, 60, "", "testhost");
    TraceStats stats = TraceStats.EMPTY;
    serve.serve(() -> stats);
    PairSink sink = serve.sink();
    feed(sink, syscalls, series, paths, 0);
    System.out.println("port " + http.address().getPort());
    System.out.flush();
    Thread stop = new Thread(() -> {
      try {
        System.in.read();
      } catch (java.io.IOException e) {
        // closed
      }
      System.exit(0);
    });
    stop.setDaemon(true);
    stop.start();
    for (int round = 1; ; round++) {
      Thread.sleep(1000);
      serve.tick();
      feed(sink, syscalls, series, paths, round);
    }
  }

  private static void feed(PairSink sink, Syscall[] syscalls, int series, int paths, int round) {
    long t = System.nanoTime();
    for (int i = 0; i < series; i++) {
      Syscall s = syscalls[i % syscalls.length];
      String comm = "c" + (i / syscalls.length) + "-\u00e9";
      long ns = 1L << (i % 24);
      long ret = i % 7 == 0 ? -2 : 100;
      long bytes = ret > 0 && s.io() != IoKind.NONE ? ret : 0;
      sink.accept(new PairRecord(s, 1000 + i, 1000 + i, comm, t, t + ns, 10, ret, 3,
          "/data/" + round + "/" + (i % Math.max(1, paths)), null, 0, bytes));
    }
    for (int i = series; i < paths; i++) {
      sink.accept(new PairRecord(syscalls[0], 7, 7, "c0-\u00e9", t, t + 100, 10, 1, 3,
          "/data/" + round + "/" + i, null, 0, 1));
    }
    sink.flush();
  }
}
