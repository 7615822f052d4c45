// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import dev.ior.flamegraph.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Records the raw ring-buffer stream to a file ({@code .iorrec}, see docs/formats.md) so that a
 * trace can be replayed later, elsewhere and without root, through the same pipeline: every
 * output (stream, flame graph, pprof) can then be produced from it. Written through {@link
 * AtomicFile}: the file appears on {@link #close()}, complete, and never on {@link #abort()}.
 *
 * <pre>{@code
 * try (RecordFileWriter rec = RecordFileWriter.create(Path.of("db.iorrec"), offsetNs)) {
 *   session = BpfTraceSession.start(config, sink, warnings::add, rec);
 *   ...
 * }
 * }</pre>
 */
public final class RecordFileWriter implements RecordSink, AutoCloseable {
  /** First bytes of every recording. */
  public static final byte[] MAGIC = "IORREC\n".getBytes(StandardCharsets.US_ASCII);
  /** Format version written after the magic. */
  public static final int VERSION = 1;

  private final AtomicFile.Output file;
  private final OutputStream out;
  private final byte[] scratch = new byte[4096];
  private long records;
  private boolean closed;

  private RecordFileWriter(AtomicFile.Output file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Starts a recording that will appear as {@code file} when closed.
   *
   * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns at the start, so that a replay on
   *     another boot or machine shows the original wall-clock times
   */
  public static RecordFileWriter create(Path file, long epochOffsetNs) throws IOException {
    AtomicFile.Output target = AtomicFile.open(file);
    try {
      // Fast compression: the consumer thread writes this, and records compress well anyway.
      OutputStream out = new BufferedOutputStream(new GZIPOutputStream(target.stream(), 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      }, 1 << 16);
      out.write(MAGIC);
      out.write(VERSION);
      for (int i = 0; i < 8; i++) {
        out.write((int) (epochOffsetNs >>> (8 * i)));
      }
      return new RecordFileWriter(target, out);
    } catch (IOException | RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** Drops the recording (the trace never started): no file appears. */
  public void abort() throws IOException {
    closed = true;
    file.close();
  }

  /** Appends one record: a little-endian u16 length, then the bytes. */
  @Override
  public void accept(ByteBuffer buf, int offset, int length) {
    try {
      out.write(length & 0xff);
      out.write(length >>> 8);
      buf.get(offset, scratch, 0, length);
      out.write(scratch, 0, length);
      records++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Finishes the file and moves it to its final name. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (AtomicFile.Output f = file) {
      out.close(); // finishes the gzip stream; the file's own stream ignores the close
      f.commit();
    }
  }
}
