// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.record.RecordSink;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.trace.TraceStream;
import java.util.function.Consumer;

/**
 * A started live {@link TraceStream}, the way code written before it started one. New code uses
 * {@code TraceStream.live(config).onPair(sink).startAsync()}.
 *
 * @deprecated use {@link TraceStream#live}; this remains while callers move over
 */
@Deprecated
public final class BpfTraceSession implements AutoCloseable {
  private final TraceStream stream;

  private BpfTraceSession(TraceStream stream) {
    this.stream = stream;
  }

  /**
   * Loads, attaches and starts a live trace into {@code sink}.
   *
   * @param config what to trace
   * @param sink receives the pairs that pass the filters
   * @param warnings receives one line per selected syscall this kernel lacks, and similar notes
   * @return the running session
   * @throws dev.ior.core.trace.TraceException when the trace cannot start (privileges, kernel,
   *     libbpf)
   */
  public static BpfTraceSession start(TraceConfig config, PairSink sink, Consumer<String> warnings)
      throws dev.ior.core.trace.TraceException {
    return start(config, sink, warnings, null);
  }

  /**
   * Like {@link #start(TraceConfig, PairSink, Consumer)}, also taping raw records.
   *
   * @param config what to trace
   * @param sink receives the pairs that pass the filters
   * @param warnings receives one line per selected syscall this kernel lacks, and similar notes
   * @param recorder receives every raw record (e.g. a recording's writer); null for none
   * @return the running session
   * @throws dev.ior.core.trace.TraceException when the trace cannot start (privileges, kernel,
   *     libbpf)
   */
  public static BpfTraceSession start(TraceConfig config, PairSink sink,
      Consumer<String> warnings, RecordSink recorder) throws dev.ior.core.trace.TraceException {
    return start(config, StackPolicy.OFF, sink, warnings, recorder);
  }

  /**
   * Like {@link #start(TraceConfig, PairSink, Consumer, RecordSink)}, taking the user stacks of
   * the calls {@code stacks} selects ({@link dev.ior.core.event.SyscallPair#stack()}).
   *
   * @param config what to trace
   * @param stacks which calls' user stacks to take
   * @param sink receives the pairs that pass the filters
   * @param warnings receives one line per selected syscall this kernel lacks, and similar notes
   * @param recorder receives every raw record (e.g. a recording's writer); null for none
   * @return the running session
   * @throws dev.ior.core.trace.TraceException when the trace cannot start (privileges, kernel,
   *     libbpf)
   */
  public static BpfTraceSession start(TraceConfig config, StackPolicy stacks, PairSink sink,
      Consumer<String> warnings, RecordSink recorder) throws dev.ior.core.trace.TraceException {
    TraceStream s = TraceStream.live(config).onPair(sink).onWarning(warnings)
        .endWithTarget(false).stacks(stacks);
    if (recorder != null) {
      s.onRecord(recorder);
    }
    s.startAsync();
    return new BpfTraceSession(s);
  }

  /** {@return the stream this session runs} */
  public TraceStream stream() {
    return stream;
  }

  /** See {@link TraceStream#stop()}. */
  public void stop() {
    stream.stop();
  }

  /** {@return the run's statistics, as {@link TraceStream#stats()}} */
  public TraceStats stats() {
    return stream.stats();
  }

  /** {@return what ended the trace early, as {@link TraceStream#failure()}} */
  public Throwable failure() {
    return stream.failure();
  }

  /** See {@link TraceStream#close()}. */
  @Override
  public void close() {
    stream.close();
  }
}
