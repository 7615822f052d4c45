// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.bpf.BpfTraceSession;
import dev.ior.core.stack.StackPolicy;
import dev.ior.cli.UserFiles;
import dev.ior.cli.run.CtrlC;
import dev.ior.cli.run.Descendants;
import dev.ior.cli.run.TracedCommand;
import dev.ior.bpf.TraceException;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A started trace until its end: the duration, Ctrl+C, SIGTERM or SIGHUP (a shutdown hook), the
 * traced process's or command's exit, the consumer's end or the dashboard's quit; then stop,
 * statistics, every output finished, detach. Outputs are finished however the wait ended, also
 * when the dashboard failed. With a command ({@code -- COMMAND}), Ctrl+C is the command's
 * ({@link CtrlC}) and the exit code is the command's status.
 */
public final class TraceRun {
  private final BpfTraceSession session;
  private final List<TraceOutput> outputs;
  private final PrintWriter err;
  private final int durationSeconds;
  private final TargetWatch target;
  private final TracedCommand command;
  private boolean signalled;

  /**
   * A run of {@code durationSeconds} (0: until stopped) that ends with {@code target} if set, or
   * with {@code command} (already released) if set.
   */
  /** A run of {@code durationSeconds} (0: until stopped) with no target or command to end it. */
  public TraceRun(BpfTraceSession session, List<TraceOutput> outputs, PrintWriter err,
      int durationSeconds) {
    this(session, outputs, err, durationSeconds, null, null);
  }

  public TraceRun(BpfTraceSession session, List<TraceOutput> outputs, PrintWriter err,
      int durationSeconds, TargetWatch target, TracedCommand command) {
    this.session = session;
    this.outputs = outputs;
    this.err = err;
    this.durationSeconds = durationSeconds;
    this.target = target;
    this.command = command;
  }

  /**
   * Warms the outputs up and starts the session with every output's sink; null (after saying
   * why on {@code err}) when it failed.
   *
   * @param recorder the {@code -record} output (also in {@code outputs}), or null
   * @param wrap what stands between the pipeline and the outputs (cgroup names, -container)
   */
  public static BpfTraceSession start(TraceConfig config, List<TraceOutput> outputs,
      RecordingOutput recorder, PrintWriter err, java.util.function.UnaryOperator<PairSink> wrap)
      throws java.io.IOException {
    return start(config, StackPolicy.OFF, outputs, recorder, err, wrap);
  }

  /** Like the other {@code start}, taking the user stacks {@code stacks} selects. */
  public static BpfTraceSession start(TraceConfig config, StackPolicy stacks,
      List<TraceOutput> outputs, RecordingOutput recorder, PrintWriter err,
      java.util.function.UnaryOperator<PairSink> wrap) throws java.io.IOException {
    for (TraceOutput o : outputs) {
      o.warmUp();
      o.started();
    }
    PairSink sink = wrap.apply(outputs.size() == 1 ? outputs.get(0).sink()
        : PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new)));
    try {
      BpfTraceSession session = BpfTraceSession.start(config, stacks, sink,
          w -> {
            synchronized (err) { // JVM notices come from the perf-map thread
              err.println("ior: " + w);
              err.flush();
            }
          }, recorder == null ? null : recorder.writer());
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

  /** Runs to the end; the exit code (the command's status when there is one). */
  public int run() throws InterruptedException {
    if (command == null) {
      return trace();
    }
    int rc;
    try (CtrlC leftToCommand = CtrlC.leaveToCommand()) {
      rc = trace();
      if (signalled) {
        return rc; // SIGTERM: the JVM exits once the outputs are written
      }
      if (command.isAlive()) {
        // -duration ended the trace: COMMAND owns the terminal, so ior waits for it.
        err.printf("ior: the trace has ended; %s (pid %d) is still running: waiting for it to"
            + " exit%n", command.name(), command.pid());
        err.flush();
        command.waitFor();
      }
    }
    int status = command.exitStatus();
    return status != 0 ? status : rc;
  }

  /** Traces until the end, reports, finishes the outputs and detaches; ior's own exit code. */
  private int trace() throws InterruptedException {
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
    int rc = 0;
    try {
      awaitEnd(stop);
      signalled = stop.getCount() == 0;
      if (command != null) {
        reportCommand();
      }
    } finally {
      // Also when the dashboard failed: what was captured is written before the error shows.
      try {
        rc = report();
      } finally {
        // Also when reporting failed: the hook must not hold a Ctrl+C'd JVM for a minute.
        session.close();
        reported.countDown();
        if (stop.getCount() > 0) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
    }
    return rc;
  }

  private void awaitEnd(CountDownLatch stop) throws InterruptedException {
    long start = System.nanoTime();
    long limit = durationSeconds > 0 ? Duration.ofSeconds(durationSeconds).toNanos() : 0;
    boolean[] targetExited = {false};
    BooleanSupplier running = () -> {
      if (session.isDone() || stop.getCount() == 0
          || limit > 0 && System.nanoTime() - start >= limit) {
        return false;
      }
      targetExited[0] = target != null && !target.alive();
      return !targetExited[0] && (command == null || command.isAlive());
    };
    InteractiveOutput ui = (InteractiveOutput) outputs.stream()
        .filter(o -> o instanceof InteractiveOutput).findFirst().orElse(null);
    if (ui != null) {
      try {
        ui.run(running, err); // the dashboard's loop, on this thread, until quit
      } catch (IOException e) {
        err.println("ior: terminal: " + UserFiles.reason(e)
            + " (the trace stops; outputs are written)");
      }
    }
    while (ui == null && running.getAsBoolean()) {
      if (command != null) {
        command.waitFor(100); // ends the wait as soon as the command exits
      } else {
        stop.await(100, TimeUnit.MILLISECONDS);
      }
    }
    if (targetExited[0]) {
      err.println("ior: " + target.what() + " exited; the trace ends");
    }
  }

  /** How the command ended, and what it left running (no longer traced once ior detaches). */
  private void reportCommand() {
    if (command.isAlive()) {
      if (signalled) {
        err.printf("ior: stopped; %s (pid %d) keeps running, no longer traced%n", command.name(),
            command.pid());
      }
      return;
    }
    err.printf("ior: %s (pid %d) %s%n", command.name(), command.pid(), command.describeExit());
    List<String> left = Descendants.of(ProcessHandle.current().pid(), Path.of("/proc"));
    if (!left.isEmpty()) {
      err.printf("ior: %d of its descendants %s still running and no longer traced: %s%n",
          left.size(), left.size() == 1 ? "is" : "are", String.join(", ", left));
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
        err.println("ior: " + UserFiles.message(e));
        rc = 1;
      }
    }
    Throwable failure = session.failure();
    if (failure != null && !isBrokenPipe(failure)) {
      err.println("ior: stopped early: " + (failure instanceof UncheckedIOException u
          ? UserFiles.message(u.getCause()) : "internal error: " + failure));
      rc = 1;
    }
    err.flush();
    return rc;
  }

  /** Whether {@code t} comes from writing to a pipe whose reader has gone. */
  static boolean isBrokenPipe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException && String.valueOf(c.getMessage()).contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }
}
