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
 * <p>The gzip data is a series of members (RFC 1952 allows that; every gzip reader joins them),
 * one ending every {@link #MEMBER_BYTES} of records and flushed to the file: when a recording is
 * cut short (a full disk, a killed process), every member before the cut carries its CRC-32 and
 * length, so a replay can trust those records and leave out only the unfinished member's.
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
  /**
   * Format version written after the magic: 4, capture v2 records ({@code RecordLayout}) in gzip
   * members ending with {@link #END_MEMBER}, and a header that names the arch and the syscall
   * table the records were made with. Version 3 (the same without those two) is still read, as
   * x86_64 with an unnamed table; versions 1 and 2 held records this ior cannot decode.
   */
  public static final int VERSION = 4;
  /** Uncompressed bytes of records per gzip member (the last one may be shorter). */
  public static final int MEMBER_BYTES = 1 << 18;
  /**
   * The last gzip member of a version-2 recording: empty, with the extra-field subfield {@code
   * IE} (ior end). A recording that lacks it was cut short, even exactly between two members.
   */
  static final byte[] END_MEMBER = {0x1f, (byte) 0x8b, 8, 4 /* FEXTRA */, 0, 0, 0, 0, 0,
      (byte) 0xff, 4, 0 /* XLEN */, 'I', 'E', 0, 0 /* subfield IE, no data */,
      3, 0 /* an empty final deflate block */, 0, 0, 0, 0 /* CRC-32 */, 0, 0, 0, 0 /* size */};

  private final Path target;
  private final AtomicFile.Output file;
  private final Members members;
  private final OutputStream out;
  private final byte[] scratch = new byte[4096];
  private long records;
  private final int memberSize;
  private long memberBytes;
  private boolean closed;

  private RecordFileWriter(Path target, AtomicFile.Output file, Members members,
      int memberBytes) {
    this.target = target;
    this.file = file;
    this.memberSize = memberBytes;
    this.members = members;
    this.out = new BufferedOutputStream(members, 1 << 16);
  }

  /**
   * Starts a recording that will appear as {@code file} when closed.
   *
   * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns at the start, so that a replay on
   *     another boot or machine shows the original wall-clock times
   * @param file where the recording appears (conventionally {@code .iorrec})
   * @return the writer, a {@link RecordSink} to tap the trace with
   * @throws IOException when the temporary file beside {@code file} cannot be created or the header
   *     written
   */
  public static RecordFileWriter create(Path file, long epochOffsetNs) throws IOException {
    return create(file, epochOffsetNs, MEMBER_BYTES);
  }

  /** {@link #create(Path, long)} with gzip members of about {@code memberBytes} each. */
  static RecordFileWriter create(Path file, long epochOffsetNs, int memberBytes)
      throws IOException {
    AtomicFile.Output target = AtomicFile.open(file);
    try {
      RecordFileWriter w = new RecordFileWriter(file, target, new Members(target.stream()),
          memberBytes);
      w.out.write(MAGIC);
      w.out.write(VERSION);
      for (int i = 0; i < 8; i++) {
        w.out.write((int) (epochOffsetNs >>> (8 * i)));
      }
      RecordingOrigin.current().write(w.out);
      return w;
    } catch (IOException | RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * Drops the recording (the trace never started): no file appears.
   *
   * @throws IOException when the temporary file cannot be closed or removed
   */
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
      memberBytes += 2 + length;
      if (memberBytes >= memberSize) {
        out.flush();
        members.end();
        memberBytes = 0;
      }
    } catch (IOException e) {
      // The user named the recording, not its temporary file: say which file failed.
      throw new UncheckedIOException(new IOException(target + ": " + e.getMessage(), e));
    }
  }

  /** {@return records written so far} */
  public long records() {
    return records;
  }

  /**
   * Finishes the file and moves it to its final name.
   *
   * @throws IOException naming the recording when its end cannot be written (e.g. the disk is
   *     full); what reached the disk is then still moved to the final name: a recording cut
   *     short, which a replay reads up to its last complete member
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (AtomicFile.Output f = file) {
      try {
        out.close(); // ends the last member and marks the end
      } catch (IOException e) {
        f.keepWritten(); // what reached the disk stays, under the name the user gave
        throw new IOException(target + ": " + e.getMessage() + "; it is cut short after at"
            + " most " + records + " records (-replay reads what it holds)", e);
      }
      f.commit();
    }
  }

  /** The gzip members of the file, each begun on the first write after the previous ended. */
  private static final class Members extends OutputStream {
    private final OutputStream file;
    private Member current;

    Members(OutputStream file) {
      this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
      member().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      member().write(b, off, len);
    }

    private Member member() throws IOException {
      if (current == null) {
        current = new Member(file);
      }
      return current;
    }

    /** Ends the current member (its trailer) and hands it to the file system. */
    void end() throws IOException {
      if (current != null) {
        current.finish();
        current.release();
        current = null;
      }
      file.flush();
    }

    /** Ends the last member, marks the regular end and closes the file. */
    @Override
    public void close() throws IOException {
      try {
        end();
        file.write(END_MEMBER);
      } finally {
        file.close();
      }
    }
  }

  /** One gzip member; fast compression, since the consumer thread writes it. */
  private static final class Member extends GZIPOutputStream {
    Member(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }

    void release() {
      def.end();
    }
  }
}
