// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.StreamSink;
import dev.ior.cli.stream.TextEscaper;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.sink.PairSink;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/** The live event stream on stdout. */
final class StreamOutput implements TraceOutput {
  private final StreamFormat format;
  private final boolean terminal;
  private final WallClock clock;
  private final StreamSink sink;

  StreamOutput(StreamFormat format, boolean terminal, WallClock clock) {
    this.format = format;
    this.terminal = terminal;
    this.clock = clock;
    // Not System.out: a PrintStream swallows write errors, so `ior | head` would never stop.
    this.sink = create(new FileOutputStream(FileDescriptor.out));
  }

  private StreamSink create(OutputStream out) {
    return new StreamSink(out, format, clock, new TextEscaper(terminal));
  }

  @Override
  public PairSink sink() {
    return sink;
  }

  /** The header goes out before the first pair so that an idle trace still shows its columns. */
  @Override
  public void started() {
    sink.header();
    sink.flush();
  }

  @Override
  public void warmUp() {
    // A cold JVM costs the traced programs about twice as much for the first second or two.
    SyntheticStream.warmUp(SyscallTable.standard(), create(OutputStream.nullOutputStream()), 40);
  }
}
