// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.spi.LiveSourceProvider;
import dev.ior.core.trace.spi.LiveSourceProvider.Preloaded;
import dev.ior.core.trace.spi.RecordSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live trace's start begun before its configuration is known ({@link
 * TraceStream#prepareLive}): on a daemon thread ({@code ior-prepare}) the live source binds its
 * native libraries and, given a ring size, loads its BPF programs, while the caller parses its
 * arguments. A trace given this preparation ({@link TraceStream#prepared}) takes
 * the loaded programs when its ring has that size and loads its own otherwise; {@link #close()}
 * releases them when no trace took them. Thread-safe. Never needed for correctness: a failure here
 * is met again, and reported, by the start.
 */
public final class LivePreparation implements AutoCloseable {
  private final long ringBytes;
  private final LiveSourceProvider provider;
  private Preloaded preloaded;
  private boolean done;
  private boolean closed;

  private LivePreparation(LiveSourceProvider provider, long ringBytes) {
    this.provider = provider;
    this.ringBytes = ringBytes;
  }

  /** Starts preparing on a daemon thread; {@code ringBytes} 0: bind only, load nothing. */
  static LivePreparation start(LiveSourceProvider provider, long ringBytes) {
    LivePreparation p = new LivePreparation(provider, ringBytes);
    Thread t = new Thread(p::prepare, "ior-prepare");
    t.setDaemon(true);
    t.start();
    return p;
  }

  private void prepare() {
    Preloaded loaded = null;
    try {
      provider.prepare();
      if (ringBytes > 0) {
        loaded = provider.preload(ringBytes);
      }
    } catch (TraceException | RuntimeException | LinkageError e) {
      // the start meets the same problem and says so
    }
    synchronized (this) {
      done = true;
      if (closed) {
        release(loaded);
      } else {
        preloaded = loaded;
      }
      notifyAll();
    }
  }

  /**
   * Opens the live source from this preparation: waits for it to finish (the start would load as
   * long), then hands the loaded programs to the source once, when they have the configuration's
   * ring size (else the source loads its own).
   *
   * @throws TraceException as {@link LiveSourceProvider#open} throws it
   */
  RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
      Consumer<String> warnings) throws TraceException {
    Preloaded p;
    synchronized (this) {
      boolean interrupted = false;
      while (!done) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the wait is bounded by the load; the caller sees the flag
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      p = preloaded;
      preloaded = null;
    }
    if (p != null && p.ringBytes() != config.ringBytes()) {
      release(p);
      p = null;
    }
    return provider.open(config, stacks, selected, warnings, p);
  }

  /** Releases the loaded programs if no trace took them (now, or when their load ends). */
  @Override
  public synchronized void close() {
    closed = true;
    release(preloaded);
    preloaded = null;
  }

  private static void release(Preloaded p) {
    if (p != null) {
      p.close();
    }
  }
}
