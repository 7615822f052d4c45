// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import dev.ior.core.TracePipeline;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.fd.LinuxProcFs;
import dev.ior.core.record.RecordFileReader;
import dev.ior.core.record.RecordSink;
import dev.ior.core.record.StackNamesTap;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.LiveSourceProvider;
import dev.ior.core.trace.spi.ProcFs;
import dev.ior.core.trace.spi.RecordSource;
import dev.ior.core.trace.spi.SourceLosses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One trace, live or from a recording, shaped like the JDK's {@code RecordingStream} and {@code
 * EventStream.openFile}: configure, register actions, start, stop. It owns the whole run: the
 * source, the syscall selection (computed once, at creation), where each filter runs (a live
 * source applies pid, tid, comm, cgroup and follow in the kernel, the path in user space; a
 * recording applies them all in user space), the consumer thread, the outputs' life cycle and the
 * statistics.
 *
 * <pre>{@code
 * TraceConfig config = TraceConfig.builder().comm("postgres").build();
 * try (TraceStream s = TraceStream.live(config)) {          // or TraceStream.openFile(rec, config)
 *   s.onPair(pair -> { if (pair.durationNs() > 1_000_000) slow.add(pair.copy()); });
 *   s.onError(e -> log.warn("trace failed", e));
 *   s.duration(Duration.ofSeconds(10)).startAsync();       // or start(): blocks until the end
 *   s.awaitTermination();                                  // rethrows a sink's failure
 *   System.out.print(StatsReport.format(s.stats(), "traced", false));
 * }
 * }</pre>
 *
 * <p>Threads: the actions of {@link #onPair} run on the stream's one consumer thread ({@code
 * ior-consumer}) with a reused pair view, valid only during the call ({@link
 * dev.ior.core.event.SyscallPair#copy()} keeps one). A live trace needs root (or CAP_BPF and
 * CAP_PERFMON), Linux 6.2+ with BTF, and ior-bpf on the class path.
 *
 * <p>Errors cannot be missed: an exception from an {@code onPair} action (or a source that cannot
 * be read) ends the trace, reaches every {@link #onError} action, and is rethrown, wrapped in a
 * {@link TraceFailedException}, by {@link #stop()} and {@link #awaitTermination}, and by {@link
 * #close()} when neither has thrown it yet.
 */
public final class TraceStream implements AutoCloseable {
  private static final long LIVE_PERIOD_NS = 250_000_000L;

  private final TraceConfig config;
  private final List<Syscall> selected;
  private final Path recording;
  private final RecordSource given;
  private final long epochOffsetNs;
  private final List<PairSink> sinks = new ArrayList<>();
  private final List<RecordSink> taps = new ArrayList<>();
  private final List<Consumer<Throwable>> errorActions = new ArrayList<>();
  private final List<Runnable> closeActions = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch warmedUp = new CountDownLatch(1);
  private Consumer<String> warnings = w -> { };
  private ProcFs procfs;
  private long durationNs;
  private StackPolicy stackPolicy = StackPolicy.OFF;
  private LivePreparation prepared;
  private Runnable warmUp;
  private boolean endWithTarget = true;
  private HeldProcess command;

  private volatile RecordSource source;
  private TracePipeline pipeline;
  private TargetWatch target;
  private int pollMs;
  private long startNs;
  private long liveAtNs;
  private long firstNs = Long.MAX_VALUE;
  private long lastNs = Long.MIN_VALUE;
  private volatile boolean started;
  private volatile boolean stopRequested;
  private volatile EndReason endReason;
  private volatile Throwable failure;
  private volatile TraceStats liveStats;
  private volatile TraceStats finalStats;
  private boolean failureThrown;
  private boolean closed;

  private TraceStream(TraceConfig config, Path recording, RecordSource given, long epochOffsetNs,
      ProcFs procfs) throws TraceException {
    this.config = Objects.requireNonNull(config, "config");
    try {
      this.selected = SyscallSelection.select(SyscallTable.standard(), config.selection());
    } catch (IllegalArgumentException e) {
      throw new TraceException(e.getMessage(), e);
    }
    this.recording = recording;
    this.given = given;
    this.epochOffsetNs = epochOffsetNs;
    this.procfs = procfs;
  }

  /**
   * {@return a live trace of {@code config}; nothing is loaded until {@link #start()}} A {@code
   * pid}, {@code follow} pid or {@code tid} that does not exist is refused, then the syscall
   * selection is computed (once).
   *
   * @param config what to trace: filters, syscall selection, ring settings
   * @throws TraceException when the selection is invalid (a bad regex, an unknown name or family)
   * @throws NoSuchTargetException when the process or thread to trace does not exist
   */
  public static TraceStream live(TraceConfig config) throws TraceException {
    // The process to trace: -pid, or the one -follow starts from (not our own: it runs).
    int pid = config.pid() != 0 ? config.pid() : config.traceSelf() ? 0 : config.follow();
    TargetWatch t = TargetWatch.of(pid, config.tid());
    if (t != null && !t.alive()) {
      throw t.missing();
    }
    return new TraceStream(config, null, null, nowOffsetNs(), new LinuxProcFs());
  }

  /**
   * {@return a replay of a recording ({@code .iorrec}, made with {@code ior -record} or a {@link
   * dev.ior.core.record.RecordFileWriter}) through the same pipeline, without root} Every filter of
   * {@code config} applies in user space; descriptors opened before the recording started stay
   * unknown, and {@code /proc} is no fallback (the recorded processes are gone).
   *
   * @param recording a {@code .iorrec} file
   * @param config the filters and syscall selection applied to the replay
   * @throws IOException when the file cannot be read or is no recording
   * @throws TraceException when the selection of {@code config} is invalid
   */
  public static TraceStream openFile(Path recording, TraceConfig config)
      throws IOException, TraceException {
    if (!Files.isReadable(recording)) {
      throw new IOException(recording + ": cannot read it");
    }
    return new TraceStream(config, recording, null, RecordFileReader.epochOffsetNs(recording),
        ProcFs.EMPTY);
  }

  /**
   * {@return a trace of records from {@code source} (synthetic records, another transport)} The
   * filters the source did not apply ({@link RecordSource#kernelFiltered()}) run in user space.
   *
   * @param procfs last resort for names the records do not carry ({@link ProcFs#EMPTY}: none)
   * @param source where the records come from; the stream owns it and closes it at the end
   * @param config the filters and syscall selection
   * @throws TraceException when the selection of {@code config} is invalid
   */
  public static TraceStream of(RecordSource source, TraceConfig config, ProcFs procfs)
      throws TraceException {
    return new TraceStream(config, null, Objects.requireNonNull(source, "source"), nowOffsetNs(),
        procfs);
  }

  private static long nowOffsetNs() {
    Instant t = Instant.now();
    long mono = System.nanoTime();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano() - mono;
  }

  /**
   * Adds an action for every pair that passes the filters (in registration order, on the consumer
   * thread; it must not block). Its {@link PairSink#finish()} runs once at the end.
   *
   * @param action the sink; it may keep a pair only through {@link
   *     dev.ior.core.event.SyscallPair#copy()}
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream onPair(PairSink action) {
    beforeStart();
    sinks.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /**
   * Adds a tap that receives every raw record right after the pipeline (e.g. a {@link
   * dev.ior.core.record.RecordFileWriter} making a recording), and, for a live trace taking
   * stacks, the names of each stack before the first exit that uses it ({@link
   * dev.ior.core.record.StackNamesRecord}). Consumer thread.
   *
   * @param tap receives each record as read, in order
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream onRecord(RecordSink tap) {
    beforeStart();
    taps.add(Objects.requireNonNull(tap, "tap"));
    return this;
  }

  /**
   * Adds an action run once with the failure that ended the trace (consumer thread).
   *
   * @param action receives the exception a sink or the source threw
   * @return this stream
   */
  public synchronized TraceStream onError(Consumer<Throwable> action) {
    errorActions.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /**
   * Adds an action run once when the trace has ended, however (consumer thread, after the final
   * {@link #stats()} are set and the sinks finished, before {@link #awaitTermination} returns).
   *
   * @param action run once at the end
   * @return this stream
   */
  public synchronized TraceStream onClose(Runnable action) {
    closeActions.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /**
   * Receives one line per selected syscall this kernel lacks, and similar notes.
   *
   * @param action receives each warning line (replaces any earlier one)
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream onWarning(Consumer<String> action) {
    beforeStart();
    warnings = Objects.requireNonNull(action, "action");
    return this;
  }

  /**
   * Work that makes the consumer fast early, such as warming the JIT up on synthetic pairs
   * through sinks of its own (never those given to {@link #onPair}): it must be safe to run
   * beside the consumer. It runs on a thread of its own ({@code ior-warm-up}), started when the
   * source starts opening: for a live trace the kernel's verifier takes much of that time. Neither
   * the attach nor the consumer waits for it: the consumer reads from the attach on, and both
   * feed the JIT's profiles of the same code; only a {@link #command} is released after it. A
   * warm-up that throws is reported through {@link #onWarning} (from its own thread) and the
   * trace goes on.
   *
   * @param task the warm-up, run once
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream warmUp(Runnable task) {
    beforeStart();
    warmUp = Objects.requireNonNull(task);
    return this;
  }

  /**
   * Takes the user stacks of the calls {@code policy} selects in a live trace ({@link
   * dev.ior.core.event.SyscallPair#stack()}); default {@link StackPolicy#OFF}. Recordings and
   * given sources carry no stacks.
   *
   * @param policy which calls' stacks to take
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream stacks(StackPolicy policy) {
    beforeStart();
    stackPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Starts a live trace from {@code preparation} ({@link #prepareLive}): with its loaded
   * programs when they fit (the same ring size), else as without it. Ignored by recordings and
   * given sources.
   *
   * @param preparation begun before, or null for none
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream prepared(LivePreparation preparation) {
    beforeStart();
    prepared = preparation;
    return this;
  }

  /**
   * Ends the trace after {@code d} (zero: no limit, the default).
   *
   * @param d how long to trace, >= 0
   * @return this stream
   * @throws IllegalArgumentException when {@code d} is negative
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream duration(Duration d) {
    beforeStart();
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration " + d);
    }
    durationNs = d.toNanos();
    return this;
  }

  /**
   * Whether a live trace of a {@code pid} or {@code tid} ends when it exits (default: true, as
   * ior does); {@link #endReason()} then says {@link EndReason#TARGET_EXITED}.
   *
   * @param end whether to end with the target
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream endWithTarget(boolean end) {
    beforeStart();
    endWithTarget = end;
    return this;
  }

  /**
   * Traces {@code held} and every process it starts from its first syscall: its pid is followed
   * in the kernel, it is released once the programs are attached, and the trace ends when it
   * exits ({@link EndReason#COMMAND_EXITED}). When the trace fails to start it is killed.
   *
   * @param held a process started held ({@link HeldProcess}), not yet released
   * @return this stream
   * @throws IllegalStateException when the trace has started
   */
  public synchronized TraceStream command(HeldProcess held) {
    beforeStart();
    command = Objects.requireNonNull(held, "held");
    return this;
  }

  private void beforeStart() {
    if (started) {
      throw new IllegalStateException("the trace has started: configure it before start()");
    }
  }

  /**
   * Opens the source (loads and attaches the BPF programs for a live trace), starts the consumer
   * thread and returns once it reads; not waiting for the {@link #warmUp}, except to release the
   * {@link #command}, if any, whose calls then meet a warm consumer.
   *
   * @throws TraceException when the live source could not start (privileges, kernel, no ior-bpf)
   * @throws IllegalStateException when started before
   */
  public synchronized void startAsync() throws TraceException {
    beforeStart();
    started = true;
    TraceConfig c = command == null ? config : config.withFollow(command.pid());
    if (warmUp != null) {
      Runnable task = warmUp;
      Thread t = new Thread(() -> runWarmUp(task), "ior-warm-up");
      t.setDaemon(true); // neither a failed start nor the end waits for it
      t.start();
    }
    RecordSource s;
    try {
      s = openSource(c);
    } catch (TraceException | RuntimeException e) {
      if (command != null) {
        command.killIfHeld();
      }
      endReason = EndReason.FAILED;
      done.countDown();
      throw e;
    }
    source = s;
    // pid, tid and comm were decided in the kernel for a live source; elsewhere they apply
    // here (twice changes nothing). The path is always a user-space filter: only after fd
    // resolution is the file known.
    PairFilter filter = s.kernelFiltered() ? new PairFilter(null, c.path(), 0, 0)
        : new PairFilter(c.comm(), c.path(), c.pid(), c.tid());
    PairSink sink = sinks.size() == 1 ? sinks.get(0) : PairSink.tee(sinks.toArray(PairSink[]::new));
    StackResolver stacks = source.stacks();
    if (!taps.isEmpty() && stacks != StackResolver.NONE) {
      // A recording gets the names of the stacks too: its replay cannot read the stack map.
      stacks = new StackNamesTap(stacks, this::tap);
    }
    pipeline = new TracePipeline(SyscallTable.standard(), filter, procfs, sink, stacks);
    pollMs = (int) Math.max(1, Math.min(1000, c.poll().toMillis()));
    if (endWithTarget && s.kernelFiltered()) {
      int followed = command == null && !c.traceSelf() ? c.follow() : 0;
      target = TargetWatch.of(c.pid() != 0 ? c.pid() : followed, c.tid());
    }
    startNs = System.nanoTime();
    Thread consumer = new Thread(this::consume, "ior-consumer");
    consumer.setDaemon(true);
    consumer.start();
    // Return once the consumer reads: a workload started after "tracing" must meet a live
    // consumer (a container gone before its first record is read loses its cgroup's name).
    awaitUninterruptibly(reading); // bounded: the consumer's first statements
    if (command != null) {
      // The command's calls begin at its release, with a burst as often as not (a program's
      // start): they meet a consumer the JIT has compiled, not one sharing the CPU with the
      // warm-up. Calls of processes already running are read meanwhile.
      if (warmUp != null) {
        awaitUninterruptibly(warmedUp); // bounded by the warm-up's one pass
      }
      command.release();
    }
  }

  /** Warm-up thread: a warm-up that fails is said, and the trace goes on without it. */
  private void runWarmUp(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      warnings.accept("the warm-up failed (" + t + "); tracing without it");
    } finally {
      warmedUp.countDown();
    }
  }

  /** Waits for {@code latch}; an interrupt meanwhile is kept for the caller, not lost. */
  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private RecordSource openSource(TraceConfig c) throws TraceException {
    if (given != null) {
      return given;
    }
    if (recording != null) {
      return new RecordingSource(recording, selected);
    }
    if (prepared != null) {
      return prepared.open(c, stackPolicy, selected, warnings);
    }
    return liveProvider().orElseThrow(() -> new TraceException(
        "live tracing needs ior-bpf on the class path (dev.ior:ior-bpf)"))
        .open(c, stackPolicy, selected, warnings);
  }

  /** The live source's implementation (ior-bpf's, through META-INF/services), if any. */
  private static Optional<LiveSourceProvider> liveProvider() {
    return ServiceLoader.load(LiveSourceProvider.class, TraceStream.class.getClassLoader())
        .findFirst();
  }

  /**
   * Begins a live start before its configuration is known and returns at once: on a daemon
   * thread ({@code ior-prepare}) {@code source} binds its native libraries and, when {@code
   * ringBytes} is not 0, loads its BPF programs with a ring of that size (the kernel's BTF and the
   * verifier). A command-line tool calls it before parsing its arguments and gives the result to
   * its trace ({@link #prepared}): in ior, parsing (0.2-0.3 s of a cold JVM) and the load then
   * run side by side. The source is given, not looked up: a service lookup opens every jar on
   * the class path (35 in ior, 10,000 entries). Close the preparation when the command is done:
   * that releases programs no trace took.
   *
   * @param source the live source (ior-bpf's {@code dev.ior.bpf.BpfLiveSource})
   * @param ringBytes the ring size the trace will likely have ({@link
   *     TraceConfig#DEFAULT_RING_BYTES}), or 0 to bind the libraries only
   * @return the preparation, to give to {@link #prepared} and to close
   */
  public static LivePreparation prepareLive(LiveSourceProvider source, long ringBytes) {
    return LivePreparation.start(Objects.requireNonNull(source, "source"), ringBytes);
  }

  /**
   * Starts ({@link #startAsync()}) and waits until the trace ends: its duration, its target's or
   * command's exit, a recording's end, {@link #stop()} from another thread, or a failure.
   *
   * @throws TraceFailedException when a sink or the source failed
   * @throws InterruptedException when interrupted while waiting (the trace keeps running)
   * @throws TraceException when the live source could not start (privileges, kernel, no ior-bpf)
   */
  public void start() throws TraceException, InterruptedException {
    startAsync();
    awaitTermination();
  }

  private void consume() {
    RecordSink records = this::record;
    RecordSource s = source;
    long endNs = 0;
    try {
      if (config.traceSelf()) {
        s.excludeThread(NativeThread.tid());
      }
      reading.countDown();
      while (!stopRequested) {
        long n = s.poll(records, pollMs);
        if (n < 0) {
          endReason = EndReason.SOURCE_ENDED;
          break;
        }
        // Also after a wait that brought nothing: a sink holding a batch bounded in time
        // (ClickHouse) sends it when its time is up, not when the next call happens to come.
        pipeline.flush();
        long now = System.nanoTime();
        publishLive(now);
        EndReason end = endNow(now);
        if (end != null) {
          endReason = end;
          break;
        }
      }
      endNs = System.nanoTime();
      // The source stops emitting; what it produced until then still counts.
      s.stopEmitting();
      s.poll(records, 0);
    } catch (Throwable t) {
      fail(t);
    } finally {
      reading.countDown(); // also when the source failed before its first read
      if (endNs == 0) {
        endNs = System.nanoTime();
      }
      try {
        pipeline.finish();
      } catch (Throwable t) {
        fail(t);
      }
      if (endReason == null) {
        endReason = EndReason.STOPPED;
      }
      finalStats = stats(endNs);
      if (failure != null) {
        for (Consumer<Throwable> a : actions(errorActions)) {
          runQuietly(() -> a.accept(failure));
        }
      }
      for (Runnable a : actions(closeActions)) {
        runQuietly(a);
      }
      done.countDown();
    }
  }

  private void record(java.nio.ByteBuffer buf, int off, int len) {
    if (len >= RecordLayout.HEAD_SIZE) {
      long t = buf.getLong(off + RecordLayout.HEAD_TIME_NS);
      if (t != 0) {
        firstNs = Math.min(firstNs, t);
        lastNs = Math.max(lastNs, t);
      }
    }
    // The pipeline first: naming a stack at a call's exit writes the names to the taps, and a
    // replay must read them before that exit.
    pipeline.accept(buf, off, len);
    tap(buf, off, len);
  }

  private void tap(java.nio.ByteBuffer buf, int off, int len) {
    for (int i = 0; i < taps.size(); i++) {
      taps.get(i).accept(buf, off, len);
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
      endReason = EndReason.FAILED;
    }
  }

  private synchronized <T> List<T> actions(List<T> list) {
    return List.copyOf(list);
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // an action's own failure must not hide the trace's
    }
  }

  /** Why the trace should end now by itself, or null. */
  private EndReason endNow(long nowNs) {
    if (durationNs > 0 && nowNs - startNs >= durationNs) {
      return EndReason.DURATION;
    }
    if (command != null && !command.isAlive()) {
      return EndReason.COMMAND_EXITED;
    }
    if (target != null && !target.alive()) {
      return EndReason.TARGET_EXITED;
    }
    return null;
  }

  /** A live run lasts from start to stop; a replay as long as its records span. */
  private TraceStats stats(long nowNs) {
    long duration = source.kernelFiltered() ? nowNs - startNs
        : lastNs >= firstNs ? lastNs - firstNs : 0;
    SourceLosses l = source.losses();
    return pipeline.stats().withDuration(duration).plusSource(l.losses(), l.namesLost());
  }

  /** Hands the counters so far to other threads, four times a second at most. */
  private void publishLive(long now) {
    if (now - liveAtNs >= LIVE_PERIOD_NS) {
      liveAtNs = now;
      liveStats = stats(now);
    }
  }

  /**
   * Waits up to {@code timeout} for the trace to end.
   *
   * @param timeout the longest wait
   * @return whether it ended
   * @throws TraceFailedException when it ended because a sink or the source failed
   * @throws InterruptedException when interrupted while waiting (the trace keeps running)
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    boolean ended = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (ended) {
      rethrow();
    }
    return ended;
  }

  /**
   * Waits until the trace ends.
   *
   * @throws TraceFailedException when it ended because a sink or the source failed
   * @throws InterruptedException when interrupted while waiting (the trace keeps running)
   */
  public void awaitTermination() throws InterruptedException {
    done.await();
    rethrow();
  }

  /** {@return whether the trace has ended (or never started because it failed to)} */
  public boolean isDone() {
    return done.getCount() == 0;
  }

  /**
   * Ends the trace: the source stops emitting, what it produced is drained into the pipeline and
   * the sinks finished; {@link #stats()} is final afterwards. Fast (milliseconds), idempotent,
   * blocks until done; a no-op before {@link #startAsync()}.
   *
   * @throws TraceFailedException when the trace had ended because a sink or the source failed
   */
  public void stop() {
    if (!started) {
      return;
    }
    stopRequested = true;
    awaitUninterruptibly(done);
    rethrow();
  }

  private void rethrow() {
    Throwable f = failure;
    if (f != null) {
      synchronized (this) {
        failureThrown = true;
      }
      throw new TraceFailedException(f);
    }
  }

  /** {@return the run's statistics; final once the trace ended, null before} */
  public TraceStats stats() {
    return finalStats;
  }

  /**
   * {@return the counters of the running trace (updated about four times a second), or the final
   * ones once ended; null before the first update} Any thread.
   */
  public TraceStats liveStats() {
    TraceStats f = finalStats;
    return f != null ? f : liveStats;
  }

  /** {@return why the trace ended; null while it runs} */
  public EndReason endReason() {
    return done.getCount() == 0 ? endReason : null;
  }

  /** {@return what ended the trace early (an exception from a sink or the source), or null} */
  public Throwable failure() {
    return failure;
  }

  /** {@return "process 4242" or "thread 4243" when the trace ends with a pid or tid; else null} */
  public String targetDescription() {
    return target == null ? null : target.what();
  }

  /**
   * {@return the syscalls selected by the configuration, computed once when the stream was created}
   */
  public List<Syscall> selected() {
    return selected;
  }

  /**
   * {@return the syscalls really traced: those selected that this kernel's arch has (a recording:
   * those selected); the selection before the trace started}
   */
  public List<Syscall> attached() {
    RecordSource s = source;
    return s == null ? selected : s.attached();
  }

  /** {@return the configuration of this trace} */
  public TraceConfig config() {
    return config;
  }

  /**
   * {@return what is missing from a source that ended early (a recording cut short: "cut short
   * after 1,234 records"), or null when it is complete; every total is then a lower bound}
   */
  public String incomplete() {
    RecordSource s = source;
    return s == null ? null : s.incomplete();
  }

  /** {@return whether this is a live trace (filters in the kernel), not a recording} */
  public boolean isLive() {
    return recording == null && given == null;
  }

  /**
   * {@return epoch ns minus CLOCK_MONOTONIC ns of the traced host at the trace's start (a
   * recording: when it was made): add it to a pair's {@code enterNs} for wall-clock time}
   */
  public long epochOffsetNs() {
    return epochOffsetNs;
  }

  /**
   * {@return the wall-clock time of monotonic timestamp {@code monotonicNs} (e.g. a pair's
   * enterNs)}
   *
   * @param monotonicNs a CLOCK_MONOTONIC timestamp of the traced host, ns
   */
  public Instant wallClock(long monotonicNs) {
    long epoch = monotonicNs + epochOffsetNs;
    return Instant.ofEpochSecond(Math.floorDiv(epoch, 1_000_000_000L),
        Math.floorMod(epoch, 1_000_000_000L));
  }

  /**
   * Starts or stops tracing {@code syscall} (a name of {@code syscalls.tsv}) while a live trace
   * runs: a map write in the kernel. Calls already entered still return their exit. Any thread.
   *
   * @param syscall a syscall name, e.g. {@code fsync}
   * @param traced true to start tracing it, false to stop
   * @throws IllegalArgumentException for an unknown syscall name
   * @throws IllegalStateException before the trace started
   * @throws UnsupportedOperationException for a recording
   * @throws TraceException when the kernel refused the write
   */
  public void setTraced(String syscall, boolean traced) throws TraceException {
    Syscall s = SyscallTable.standard().byName(syscall);
    if (s == null) {
      throw new IllegalArgumentException("unknown syscall " + syscall);
    }
    RecordSource src = source;
    if (src == null) {
      throw new IllegalStateException("the trace has not started");
    }
    src.setTraced(s, traced);
  }

  /**
   * Stops (if running) and frees the source (detaches the programs). Rethrows the failure that
   * ended the trace, unless {@link #stop()} or {@link #awaitTermination} threw it already.
   */
  @Override
  public void close() {
    try {
      if (started) {
        stopRequested = true;
        awaitUninterruptibly(done);
      }
    } finally {
      synchronized (this) {
        if (!closed) {
          closed = true;
          if (source != null) {
            source.close();
          }
        }
      }
    }
    boolean throwNow;
    synchronized (this) {
      throwNow = !failureThrown;
    }
    if (throwNow) {
      rethrow();
    }
  }
}
