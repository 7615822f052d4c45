// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.UserFiles;
import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.StreamSink;
import dev.ior.cli.stream.TextEscaper;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.flamegraph.io.AtomicFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The live event stream on stdout, or in a file ({@code -o}). */
final class StreamOutput implements TraceOutput {
  private final StreamFormat format;
  private final boolean terminal;
  private final WallClock clock;
  private final CgroupLookup cgroups;
  /** How write errors name the destination: "stdout" or the file. */
  private final String destination;
  private final StreamSink sink;
  private final PairSink named = new PairSink() {
    @Override
    public void accept(SyscallPair pair) {
      try {
        sink.accept(pair);
      } catch (UncheckedIOException e) {
        throw named(e);
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

  /** The stream on stdout. */
  StreamOutput(StreamFormat format, boolean terminal, WallClock clock, CgroupLookup cgroups) {
    // Not System.out: a PrintStream swallows write errors, so `ior | head` would never stop.
    this(format, terminal, clock, cgroups, new FileOutputStream(FileDescriptor.out), "stdout");
  }

  private StreamOutput(StreamFormat format, boolean terminal, WallClock clock,
      CgroupLookup cgroups, OutputStream out, String destination) {
    this.format = format;
    this.terminal = terminal;
    this.clock = clock;
    this.cgroups = cgroups;
    this.destination = destination;
    this.sink = create(out, clock);
  }

  /**
   * The stream written to {@code file} (created or truncated now, written as the trace goes,
   * like strace -o; not a terminal, so no bidi escapes).
   *
   * @throws IOException naming the file when it cannot be opened
   */
  static StreamOutput toFile(Path file, StreamFormat format, WallClock clock,
      CgroupLookup cgroups) throws IOException {
    try {
      return new StreamOutput(format, false, clock, cgroups, AtomicFile.openInPlace(file),
          file.toString());
    } catch (IOException e) {
      throw new IOException("cannot write -o " + UserFiles.describe(file, e), e);
    }
  }

  private StreamSink create(OutputStream out, WallClock clock) {
    return new StreamSink(out, format, clock, new TextEscaper(terminal), cgroups);
  }

  /** The stream; a failed write (a full disk, a closed pipe) names stdout or the file. */
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
  private void naming(Runnable write) {
    try {
      write.run();
    } catch (UncheckedIOException e) {
      throw named(e);
    }
  }

  /** The failure as one that names the destination; the cause chain is kept (broken pipes). */
  private UncheckedIOException named(UncheckedIOException e) {
    return new UncheckedIOException(new IOException(destination + ": "
        + UserFiles.reason(e.getCause()), e.getCause()));
  }

  @Override
  public void warmUp() {
    // The first records meet compiled code: an interpreted consumer needs several times the CPU.
    // A clock of its own: the warm-up runs beside the consumer, and a shared clock's cache of the
    // second once gave live lines the warm-up's date (calls out of order in the difftest).
    SyntheticStream.warmUp(SyscallTable.standard(),
        create(OutputStream.nullOutputStream(), clock.copy()), 1);
  }
}
