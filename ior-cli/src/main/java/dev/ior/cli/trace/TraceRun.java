// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.bpf.TraceException;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.sink.PairSink;
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
public final class TraceRun {
  private final BpfTraceSession session;
  private final List<TraceOutput> outputs;
  private final PrintWriter err;
  private final int durationSeconds;

  public TraceRun(BpfTraceSession session, List<TraceOutput> outputs, PrintWriter err,
      int durationSeconds) {
    this.session = session;
    this.outputs = outputs;
    this.err = err;
    this.durationSeconds = durationSeconds;
  }

  /**
   * Warms the outputs up and starts the session with every output's sink; null (after saying
   * why on {@code err}) when it failed.
   *
   * @param recorder the {@code -record} output (also in {@code outputs}), or null
   */
  public static BpfTraceSession start(TraceConfig config, List<TraceOutput> outputs,
      RecordingOutput recorder, PrintWriter err) throws java.io.IOException {
    for (TraceOutput o : outputs) {
      o.warmUp();
      o.started();
    }
    PairSink sink = outputs.size() == 1 ? outputs.get(0).sink()
        : PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new));
    try {
      BpfTraceSession session = BpfTraceSession.start(config, sink,
          w -> err.println("ior: " + w), recorder == null ? null : recorder.writer());
      for (TraceOutput o : outputs) {
        o.attached(session);
      }
      return session;
    } catch (TraceException e) {
      err.println("ior: " + e.getMessage());
      if (recorder != null) {
        recorder.writer().abort();
      }
      return null;
    }
  }

  /** Runs to the end; the exit code. */
  public int run() throws InterruptedException {
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
    if (session.attachedSyscalls() > 16) {
      err.printf("ior: detaching %d tracepoints (the kernel waits for RCU per tracepoint;"
          + " -tps attaches fewer)...%n", 2 * session.attachedSyscalls());
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
