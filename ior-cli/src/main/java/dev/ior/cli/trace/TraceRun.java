// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.UserFiles;
import dev.ior.cli.run.CtrlC;
import dev.ior.cli.run.Descendants;
import dev.ior.cli.run.TracedCommand;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.StatsReport;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.trace.EndReason;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceFailedException;
import dev.ior.core.trace.TraceStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The terminal's side of a {@link TraceStream}: the stream itself ends with its duration, its
 * target or its command; this adds what only a command line has: Ctrl+C, SIGTERM or SIGHUP (a
 * shutdown hook), the dashboard's quit, the statistics on stderr, every output finished and the
 * exit code. Outputs are finished however the wait ended, also when the dashboard failed. With a
 * command ({@code -- COMMAND}), Ctrl+C is the command's ({@link CtrlC}) and the exit code is the
 * command's status.
 */
public final class TraceRun {
  private final TraceStream stream;
  private final List<TraceOutput> outputs;
  private final PrintWriter err;
  private final TracedCommand command;
  private boolean signalled;

  /** A run of a started {@code stream}; {@code command} (null: none) is the one it follows. */
  public TraceRun(TraceStream stream, List<TraceOutput> outputs, PrintWriter err,
      TracedCommand command) {
    this.stream = stream;
    this.outputs = outputs;
    this.err = err;
    this.command = command;
  }

  /**
   * Opens the outputs, gives the stream every output's sink and starts it, warming the outputs
   * up beside the start; false (after saying why on {@code err}) when it failed.
   *
   * @param recorder the {@code -record} output (also in {@code outputs}), or null
   * @param wrap what stands between the pipeline and the outputs (cgroup names, -container)
   */
  public static boolean start(TraceStream stream, List<TraceOutput> outputs,
      RecordingOutput recorder, PrintWriter err, UnaryOperator<PairSink> wrap)
      throws IOException {
    for (TraceOutput o : outputs) {
      o.open();
    }
    // Beside the load (the verifier's time) and then beside the consumer, which reads from the
    // attach on.
    stream.warmUp(() -> outputs.forEach(TraceOutput::warmUp));
    for (TraceOutput o : outputs) {
      o.started();
    }
    stream.onPair(wrap.apply(outputs.size() == 1 ? outputs.get(0).sink()
        : PairSink.tee(outputs.stream().map(TraceOutput::sink).toArray(PairSink[]::new))));
    stream.onWarning(w -> {
      synchronized (err) { // JVM notices (user stacks) come from the perf-map thread
        err.println("ior: " + w);
        err.flush();
      }
    });
    if (recorder != null) {
      stream.onRecord(recorder.writer());
    }
    try {
      stream.startAsync();
    } catch (TraceException e) {
      outputs.forEach(TraceOutput::abandon);
      err.println("ior: " + e.getMessage());
      if (recorder != null) {
        recorder.writer().abort();
      }
      return false;
    }
    for (TraceOutput o : outputs) {
      o.attached(stream);
    }
    return true;
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
        stream.close();
        reported.countDown();
        if (stop.getCount() > 0) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
    }
    return rc;
  }

  private void awaitEnd(CountDownLatch stop) throws InterruptedException {
    BooleanSupplier running = () -> !stream.isDone() && stop.getCount() > 0;
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
      stop.await(20, TimeUnit.MILLISECONDS);
    }
    if (stream.endReason() == EndReason.TARGET_EXITED) {
      err.println("ior: " + stream.targetDescription() + " exited; the trace ends");
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
    Throwable failure = null;
    try {
      stream.stop();
    } catch (TraceFailedException e) {
      failure = e.getCause();
    }
    TraceStats stats = stream.stats();
    err.print(StatsReport.format(stats, headline(stats), stream.incomplete() != null));
    int rc = 0;
    for (TraceOutput o : outputs) {
      try {
        rc = Math.max(rc, o.finish(stats, err));
      } catch (IOException e) {
        err.println("ior: " + UserFiles.message(e));
        rc = 1;
      }
    }
    if (failure != null && !isBrokenPipe(failure)) {
      err.println("ior: stopped early: " + (failure instanceof UncheckedIOException u
          ? UserFiles.message(u.getCause()) : "internal error: " + failure));
      rc = 1;
    }
    err.flush();
    return rc;
  }

  private String headline(TraceStats s) {
    return String.format(Locale.ROOT, "ior: traced %.1f s, %d syscalls attached",
        s.durationNs() / 1e9, stream.attached().size());
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
