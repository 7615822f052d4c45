// SPDX-License-Identifier: Apache-2.0
/**
 * The trace API: {@link dev.ior.core.trace.TraceStream}, one object for a whole run, live
 * ({@code TraceStream.live}, needs ior-bpf) or from a recording ({@code TraceStream.openFile}),
 * shaped like the JDK's {@code RecordingStream} and {@code EventStream}.
 *
 * <p>The API of ior-core is this package with {@code dev.ior.core.trace.spi} (for sources),
 * {@code dev.ior.core.config} ({@code TraceConfig}), {@code dev.ior.core.event} (the pairs),
 * {@code dev.ior.core.sink} ({@code PairSink}), {@code dev.ior.core.stats} (statistics and loss
 * kinds) and {@code dev.ior.core.syscall}'s {@code Syscall}. Every other package is internal to
 * ior and may change without notice.
 */
package dev.ior.core.trace;
