// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.StreamSink;
import dev.ior.cli.stream.TextEscaper;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.cli.UserFiles;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The live event stream on stdout. */
final class StreamOutput implements TraceOutput {
  private final StreamFormat format;
  private final boolean terminal;
  private final WallClock clock;
  private final StreamSink sink;
  private final PairSink named = new PairSink() {
    @Override
    public void accept(SyscallPair pair) {
      try {
        sink.accept(pair);
      } catch (UncheckedIOException e) {
        throw onStdout(e);
      }
    }

    @Override
    public void flush() {
      naming(sink::flush);
    }

    @Override
    public void finish() {
      naming(sink::finish);
    }
  };

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

  /** The stream; a failed write (a full disk, a closed pipe) names stdout. */
  @Override
  public PairSink sink() {
    return named;
  }

  /** The header goes out before the first pair so that an idle trace still shows its columns. */
  @Override
  public void started() {
    naming(() -> {
      sink.header();
      sink.flush();
    });
  }

  /** Runs {@code write} (not per pair: a lambda per pair would allocate), naming stdout. */
  private static void naming(Runnable write) {
    try {
      write.run();
    } catch (UncheckedIOException e) {
      throw onStdout(e);
    }
  }

  /** The failure as one that says it was stdout; the cause chain is kept (broken pipes). */
  private static UncheckedIOException onStdout(UncheckedIOException e) {
    return new UncheckedIOException(new IOException("stdout: " + UserFiles.reason(e.getCause()),
        e.getCause()));
  }

  @Override
  public void warmUp() {
    // A cold JVM costs the traced programs about twice as much for the first second or two.
    SyntheticStream.warmUp(SyscallTable.standard(), create(OutputStream.nullOutputStream()), 40);
  }
}
