// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A started trace until its end: the duration, Ctrl+C or SIGTERM (a shutdown hook), the
 * consumer's end or the dashboard's quit; then stop, statistics, every output finished, detach.
 */
final class TraceRun {
  private final BpfTraceSession session;
  private final List<TraceOutput> outputs;
  private final PrintWriter err;
  private final int durationSeconds;

  TraceRun(BpfTraceSession session, List<TraceOutput> outputs, PrintWriter err,
      int durationSeconds) {
    this.session = session;
    this.outputs = outputs;
    this.err = err;
    this.durationSeconds = durationSeconds;
  }

  /** Runs to the end; the exit code. */
  int run() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        reported.await(60, TimeUnit.SECONDS); // let main drain, print and detach first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ior-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      awaitEnd(stop);
      return report();
    } finally {
      // Also when reporting failed: the hook must not hold a Ctrl+C'd JVM for a minute.
      session.close();
      reported.countDown();
      if (stop.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  private void awaitEnd(CountDownLatch stop) throws InterruptedException {
    long deadline = durationSeconds > 0
        ? System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos() : 0;
    BooleanSupplier running = () -> !session.isDone() && stop.getCount() > 0
        && (deadline == 0 || System.nanoTime() < deadline);
    InteractiveOutput ui = (InteractiveOutput) outputs.stream()
        .filter(o -> o instanceof InteractiveOutput).findFirst().orElse(null);
    if (ui != null) {
      try {
        ui.run(running, err); // the dashboard's loop, on this thread, until quit
      } catch (IOException e) {
        err.println("ior: terminal: " + e.getMessage() + " (the trace stops; outputs are written)");
      }
    }
    while (ui == null && running.getAsBoolean()) {
      stop.await(100, TimeUnit.MILLISECONDS);
    }
  }

  private int report() {
    session.stop();
    TraceStats stats = session.stats();
    err.print(StatsReport.format(stats, session.attachedSyscalls()));
    int rc = 0;
    for (TraceOutput o : outputs) {
      try {
        rc = Math.max(rc, o.finish(stats, err));
      } catch (IOException e) {
        err.println("ior: " + e.getMessage());
        rc = 1;
      }
    }
    Throwable failure = session.failure();
    if (failure != null && !isBrokenPipe(failure)) {
      err.println("ior: stopped early: " + failure);
      rc = 1;
    }
    err.flush();
    return rc;
  }

  private static boolean isBrokenPipe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException && String.valueOf(c.getMessage()).contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }
}
