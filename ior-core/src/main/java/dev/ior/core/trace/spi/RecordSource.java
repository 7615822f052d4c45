// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace.spi;

import dev.ior.core.record.RecordSink;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.TraceException;
import java.io.IOException;
import java.util.List;

/**
 * Where a trace's records come from: the live BPF ring buffer (ior-bpf, through a {@link
 * LiveSourceProvider}) or a recording. A {@code TraceStream} drives it from its consumer thread;
 * implementations need not be thread-safe except where a method says so.
 */
public interface RecordSource extends AutoCloseable {
  /**
   * Hands the records available now to {@code sink}, first waiting up to {@code timeoutMs} for
   * some.
   *
   * @param sink receives the records, each valid only during the call
   * @param timeoutMs the longest wait for a first record, ms, >= 0
   * @return records handed over, or -1 when the source has ended (a recording's end)
   * @throws IOException when the source cannot be read (a damaged recording)
   */
  long poll(RecordSink sink, int timeoutMs) throws IOException;

  /**
   * Stops new records at the source (the live programs' stop flag); records already produced
   * still come from {@link #poll}. Returns once nothing new can come.
   *
   * @throws IOException when the source cannot be told to stop
   */
  void stopEmitting() throws IOException;

  /** {@return what the source lost or knows of losses; valid after the trace ended, and live} */
  SourceLosses losses();

  /**
   * {@return the syscalls this source really traces (selected and present on the kernel's arch)}
   */
  List<Syscall> attached();

  /**
   * {@return whether the kernel applied pid, tid and comm already (live); false: filter in user
   * space}
   */
  boolean kernelFiltered();

  /**
   * Never traces thread {@code tid} of this process (the trace's own consumer thread when the
   * tracer's process is traced). Called from the consumer thread before its first poll.
   *
   * @param tid a thread id of this process
   * @throws TraceException when the source could not exclude it
   */
  default void excludeThread(int tid) throws TraceException {}

  /**
   * Starts or stops tracing {@code syscall} while the trace runs. Any thread.
   *
   * @param syscall the syscall
   * @param traced true to start tracing it, false to stop
   * @throws UnsupportedOperationException for a source that cannot (a recording)
   * @throws TraceException when the kernel refused
   */
  default void setTraced(Syscall syscall, boolean traced) throws TraceException {
    throw new UnsupportedOperationException("this source cannot change its syscalls");
  }

  /**
   * Names the user stacks of calls ({@code IOR_STACK} records); {@link StackResolver#NONE} for
   * sources without the kernel's stack map (recordings).
   *
   * @return the resolver of this source's stack ids
   */
  default StackResolver stacks() {
    return StackResolver.NONE;
  }

  /**
   * {@return what this source missed of its input when it ended early (a recording cut short), or
   * null; valid once {@link #poll} returned -1}
   */
  default String incomplete() {
    return null;
  }

  /** Frees the source (detaches the programs); after the trace has ended. */
  @Override
  void close();
}
