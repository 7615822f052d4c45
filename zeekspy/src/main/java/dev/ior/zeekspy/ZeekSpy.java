// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import dev.ior.zeekspy.ZeekSpyException.Reason;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.LayoutFile;
import dev.ior.zeekspy.layout.ZeekLayout;
import dev.ior.zeekspy.profile.ProfileBuilder;
import dev.ior.zeekspy.proc.PtraceStopper;
import dev.ior.zeekspy.proc.TargetStopper;
import dev.ior.zeekspy.proc.VmReadvMemory;
import dev.ior.zeekspy.sample.Sampler;
import dev.ior.zeekspy.sample.SamplerStats;
import dev.ior.zeekspy.sample.StackWalker;
import dev.ior.zeekspy.target.ProcessState;
import dev.ior.zeekspy.target.TargetResolver;
import dev.ior.zeekspy.target.ZeekTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Samples the script call stack of a running Zeek and builds a profile of it: the library entry
 * point behind the {@code zeekspy} command. {@link #open} resolves the process (executable,
 * symbols, version, layout) without touching it; {@link #start} begins sampling on one dedicated
 * platform thread (which is also the ptrace tracer in {@link ReadMode#PTRACE} mode); {@link #stop}
 * ends it and returns the profile.
 *
 * <pre>{@code
 * try (ZeekSpy spy = ZeekSpy.open(ZeekSpyConfig.of(pid).withHz(250))) {
 *   spy.start();
 *   spy.awaitEnd(Duration.ofSeconds(30));        // or until Ctrl+C
 *   SamplingResult r = spy.stop();
 *   try (OutputStream out = Files.newOutputStream(Path.of("zeek.pb.gz"))) {
 *     PprofWriter.write(r.profile(), out);
 *   }
 * }
 * }</pre>
 */
public final class ZeekSpy implements AutoCloseable {
  private final ZeekSpyConfig config;
  private final ZeekTarget target;
  private final VmReadvMemory memory;
  private final ProfileBuilder profile;
  private final Sampler sampler;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CompletableFuture<Void> attached = new CompletableFuture<>();
  private volatile ZeekSpyException endedBy;
  private Thread thread;
  private long startEpochNanos;
  private SamplingResult result;

  private ZeekSpy(ZeekSpyConfig config, ZeekTarget target, VmReadvMemory memory) {
    this.config = config;
    this.target = target;
    this.memory = memory;
    this.profile = new ProfileBuilder(config.hz());
    StackWalker walker = new StackWalker(memory, target.layout().offsets(),
        target.callStackAddress(), target.frameStackAddress(), config.limits());
    this.sampler = new Sampler(walker, stopper(config), config.hz(), profile, System::nanoTime,
        () -> ProcessState.isGone(config.pid()), Sampler.DEFAULT_WARM_UP_WALKS);
  }

  private static TargetStopper stopper(ZeekSpyConfig config) {
    return config.mode() == ReadMode.PTRACE ? new PtraceStopper(config.pid())
        : TargetStopper.none();
  }

  /**
   * Resolves the process named by {@code config}: executable, symbols, version and layout.
   *
   * @param config the process and how to sample it
   * @return the spy, not yet sampling
   * @throws ZeekSpyException NO_SUCH_PROCESS, PERMISSION_DENIED, WRONG_ARCHITECTURE,
   *     SYMBOL_NOT_FOUND, UNKNOWN_VERSION, BAD_LAYOUT, UNREADABLE or IO
   */
  public static ZeekSpy open(ZeekSpyConfig config) {
    ZeekLayout override = config.layoutFile().map(LayoutFile::read).orElse(null);
    VmReadvMemory memory = new VmReadvMemory(config.pid());
    try {
      ZeekTarget target = TargetResolver.resolve(config.pid(), LayoutCatalog.builtIn(), override,
          config.debugRoot(), memory);
      return new ZeekSpy(config, target, memory);
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
  }

  /** {@return the resolved process} */
  public ZeekTarget target() {
    return target;
  }

  /** {@return the configuration this spy runs with} */
  public ZeekSpyConfig config() {
    return config;
  }

  /**
   * Starts sampling on a new platform thread named {@code zeekspy-sampler} and returns once the
   * target is attached (in ptrace mode) or at once.
   *
   * @throws ZeekSpyException when attaching fails (PERMISSION_DENIED, ALREADY_TRACED, ...)
   * @throws IllegalStateException when called twice
   */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    startEpochNanos = epochNanos(Instant.now());
    TargetStopper stopper = sampler.stopper();
    thread = new Thread(() -> runSampler(stopper), "zeekspy-sampler");
    thread.setDaemon(true);
    thread.start();
    try {
      attached.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ZeekSpyException z ? z
          : new ZeekSpyException(Reason.IO, "sampler failed to start: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sampler.requestStop();
      throw new ZeekSpyException(Reason.IO, "interrupted while attaching", e);
    }
  }

  private void runSampler(TargetStopper stopper) {
    try {
      try {
        stopper.attach();
      } catch (RuntimeException e) {
        attached.completeExceptionally(e);
        return;
      }
      attached.complete(null);
      sampler.run();
    } catch (ZeekSpyException e) {
      endedBy = e;
    } catch (RuntimeException e) {
      endedBy = new ZeekSpyException(Reason.IO, "sampling failed: " + e, e);
    } finally {
      stopper.close(); // detach from the same thread that attached
      finished.countDown();
    }
  }

  /** {@return counters so far; callable from any thread} */
  public SamplerStats stats() {
    return sampler.stats();
  }

  /** {@return why the most recent torn sample was torn (for debug output); empty when none was} */
  public String lastTornReason() {
    return sampler.lastTornReason();
  }

  /**
   * Waits until sampling ends by itself (the target exited or a read failed) or {@code timeout}
   * passes.
   *
   * @param timeout the longest wait
   * @return true when sampling has ended
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** {@return the failure that ended sampling, once it has ended by itself} */
  public Optional<ZeekSpyException> endedBy() {
    return Optional.ofNullable(endedBy);
  }

  /**
   * Stops sampling (if it still runs), waits for the sampling thread to detach, and returns the
   * profile. Calling it again returns the same result.
   *
   * @return the profile, the final counters and what ended sampling early, if anything
   */
  public synchronized SamplingResult stop() {
    if (result != null) {
      return result;
    }
    if (thread != null) {
      sampler.requestStop();
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the profile must be consistent: finish joining first
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    SamplerStats stats = sampler.stats();
    result = new SamplingResult(profile.build(startEpochNanos, stats.elapsedNanos(),
        comments(stats)), stats, Optional.ofNullable(endedBy));
    return result;
  }

  private List<String> comments(SamplerStats stats) {
    return List.of(String.format(java.util.Locale.ROOT,
            "zeekspy: pid %d (%s), Zeek %s, layout %s, mode %s, %d Hz", target.pid(),
            target.executable(), target.version(), target.layout().name(), config.mode().flag(),
            config.hz()),
        "zeekspy: " + stats.format());
  }

  @Override
  public void close() {
    stop();
    memory.close();
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
