// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.session;

import dev.ior.core.record.RecordSink;
import dev.ior.core.syscall.Syscall;
import java.io.IOException;
import dev.ior.core.stack.StackResolver;
import java.util.List;

/**
 * Where a trace's records come from: the live BPF ring buffer (ior-bpf) or a recording ({@link
 * RecordingSource}). A {@link TraceSession} drives it from its consumer thread.
 */
public interface RecordSource extends AutoCloseable {
  /**
   * Hands the records available now to {@code sink}, first waiting up to {@code timeoutMs} for
   * some.
   *
   * @return records handed over, or -1 when the source has ended (a recording's end)
   * @throws IOException when the source cannot be read (a damaged recording)
   */
  long poll(RecordSink sink, int timeoutMs) throws IOException;

  /**
   * Stops new records at the source (the live programs' stop flag); records already produced
   * still come from {@link #poll}. Returns once nothing new can come.
   */
  void stopEmitting() throws IOException;

  /** What the source lost or knows of losses; valid after the trace ended, and live. */
  SourceLosses losses();

  /** The syscalls this source really traces (selected and present on the kernel's arch). */
  List<Syscall> attached();

  /**
   * Names the user stacks of calls ({@code IOR_STACK} records); {@link StackResolver#NONE} for
   * sources without the kernel's stack map (recordings).
   */
  default StackResolver stacks() {
    return StackResolver.NONE;
  }

  /** Frees the source (detaches the programs); after the session has ended. */
  @Override
  void close();
}
