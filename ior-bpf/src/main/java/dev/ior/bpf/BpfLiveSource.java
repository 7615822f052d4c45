// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import dev.ior.bpf.internal.lib.LibBpf;
import dev.ior.bpf.internal.lib.LibC;
import dev.ior.bpf.internal.ring.RingBufferReader;
import dev.ior.bpf.load.BpfObject;
import dev.ior.bpf.load.CompilerPriority;
import dev.ior.bpf.load.Ia32Emulation;
import dev.ior.bpf.stack.BpfStackResolver;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.record.RecordSink;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.LiveSourceProvider;
import dev.ior.core.trace.spi.RecordSource;
import dev.ior.core.trace.spi.SourceLosses;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The live record source: ior's BPF programs and their ring buffer. Found by ior-core's {@code
 * TraceStream.live} through {@link java.util.ServiceLoader}; not used directly.
 */
public final class BpfLiveSource implements LiveSourceProvider {
  @Override
  public void prepare() {
    // JNA binds libbpf and libc: about 70 ms of a cold JVM, the same for every configuration.
    try {
      LibBpf.loadError(); // a missing libbpf is kept there for open() to report
      LibC.geteuid();
    } catch (LinkageError e) {
      // left for open(), which meets the same error
    }
  }

  @Override
  public Preloaded preload(long ringBytes) throws TraceException {
    BpfObject bpf = BpfObject.load(ringBytes);
    try {
      // The IA-32 probe too, off the start's way to the attach (its calls precede any attach).
      return new Loaded(bpf, Ia32Emulation.absent());
    } catch (RuntimeException | LinkageError e) {
      bpf.close();
      throw e;
    }
  }

  /** Programs loaded ahead of a start, and the IA-32 probe's answer. */
  private record Loaded(BpfObject bpf, Optional<String> ia32Absent) implements Preloaded {
    @Override
    public long ringBytes() {
      return bpf.ringBytes();
    }

    @Override
    public void close() {
      bpf.close();
    }
  }

  @Override
  public RecordSource open(TraceConfig config, List<Syscall> selected, Consumer<String> warnings)
      throws TraceException {
    return open(config, StackPolicy.OFF, selected, warnings, null);
  }

  @Override
  public RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
      Consumer<String> warnings) throws TraceException {
    return open(config, stacks, selected, warnings, null);
  }

  @Override
  public RecordSource open(TraceConfig config, StackPolicy stacks, List<Syscall> selected,
      Consumer<String> warnings, Preloaded preloaded) throws TraceException {
    BpfObject bpf = null;
    if (preloaded instanceof Loaded l) {
      bpf = l.bpf(); // its ring is the configuration's: LivePreparation hands over no other
    } else if (preloaded != null) {
      preloaded.close();
    }
    // Without IA-32 emulation a trace with no compat call is complete: ior says so, just before
    // the attach. The probe (a millisecond) runs before the programs attach, in the preload if
    // there was one: its own calls are never part of a trace (ior-junit traces its own JVM).
    Optional<String> ia32Absent =
        preloaded instanceof Loaded l ? l.ia32Absent() : Ia32Emulation.absent();
    try {
      if (bpf == null) {
        bpf = BpfObject.load(config.ringBytes());
      }
      bpf.start(config, stacks, SyscallTable.standard(), selected, warnings,
          () -> ia32Absent.ifPresent(warnings));
    } catch (TraceException | RuntimeException e) {
      if (bpf != null) {
        bpf.close();
      }
      throw e;
    }
    RingBufferReader ring;
    try {
      ring = new RingBufferReader(bpf.ringFd(), config.ringBytes());
    } catch (RuntimeException e) {
      bpf.close();
      throw new TraceException(e.getMessage(), e);
    }
    BpfStackResolver resolver = stacks.enabled() ? new BpfStackResolver(warnings) : null;
    return new RingSource(bpf, ring, resolver);
  }

  /** The ring of the attached programs as a record source. */
  private static final class RingSource implements RecordSource {
    private final BpfObject bpf;
    private final RingBufferReader ring;
    private final BpfStackResolver stacks;
    private boolean polled;

    RingSource(BpfObject bpf, RingBufferReader ring, BpfStackResolver stacks) {
      this.bpf = bpf;
      this.ring = ring;
      this.stacks = stacks;
    }

    @Override
    public StackResolver stacks() {
      return stacks == null ? StackResolver.NONE : stacks;
    }

    @Override
    public long poll(RecordSink sink, int timeoutMs) {
      if (!polled) {
        // The consumer reads: the start is over, the JIT compilers may have their cores back.
        polled = true;
        CompilerPriority.restore();
      }
      if (timeoutMs > 0) {
        ring.await(timeoutMs);
      }
      return ring.drain(sink);
    }

    @Override
    public boolean kernelFiltered() {
      return true;
    }

    @Override
    public void excludeThread(int tid) throws TraceException {
      bpf.skipThread(tid);
    }

    @Override
    public void setTraced(Syscall syscall, boolean traced) throws TraceException {
      bpf.setTraced(syscall, traced);
    }

    @Override
    public void stopEmitting() throws IOException {
      try {
        bpf.stopEmitting();
        // A record reserved on another CPU just before the flag flipped may commit a moment
        // later: the caller drains once more after this.
        Thread.sleep(2);
      } catch (TraceException e) {
        throw new IOException(e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public SourceLosses losses() {
      long[] k = bpf.losses();
      Losses.Builder b = Losses.builder().add(LossKind.UNREAD_AT_STOP, ring.pendingRecords());
      known(b, LossKind.RING_FULL, k[BpfObject.LOSS_RING]);
      known(b, LossKind.NO_THREAD_STATE, k[BpfObject.LOSS_STORAGE]);
      known(b, LossKind.KERNEL_SKIPPED, bpf.recursionMisses());
      return new SourceLosses(b.build(), Math.max(0, k[BpfObject.LOSS_NAME]));
    }

    /** A kernel counter, -1 when it could not be read: then unknown, never a negative count. */
    private static void known(Losses.Builder b, LossKind kind, long n) {
      if (n < 0) {
        b.unknown(kind);
      } else {
        b.add(kind, n);
      }
    }

    @Override
    public List<Syscall> attached() {
      return bpf.attachedSyscalls();
    }

    @Override
    public void close() {
      if (stacks != null) {
        stacks.close();
      }
      bpf.detach();
      ring.close();
      bpf.close();
    }
  }
}
