// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import dev.ior.core.syscall.SyscallTable;
import dev.ior.flamegraph.gzip.StrictGzipInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a recording written by {@link RecordFileWriter} and hands every record to a sink,
 * e.g. {@code TracePipeline::accept}: a replay needs no root and no BPF.
 *
 * <p>A recording cut short (a full disk, a killed writer, a copy in progress) replays the
 * records of its complete gzip members, whose CRC-32 and length could be checked, and says so in
 * the returned {@link Replay}; the records of the unfinished last member are left out, since a
 * damaged byte could make them look like other records. A damaged recording (wrong gzip data or
 * CRC-32, bytes after the end) is refused before any record reaches the sink.
 *
 * <pre>{@code
 * long offsetNs = RecordFileReader.epochOffsetNs(file); // for wall-clock times
 * RecordFileReader.Replay r = RecordFileReader.replay(file, pipeline::accept);
 * pipeline.finish();
 * if (r.cutShort()) System.err.println(file + ": " + r.describe());
 * }</pre>
 */
public final class RecordFileReader {
  private static final RecordSink DISCARD = (buf, off, len) -> { };
  private static final int FIXED_HEADER_BYTES = RecordFileWriter.MAGIC.length + 1 + 8;

  private RecordFileReader() {}

  /**
   * What a replay read.
   *
   * @param records the number of records handed to the sink
   * @param cutShort whether the recording ended in the middle (the records before the cut were
   *     replayed)
   */
  public record Replay(long records, boolean cutShort) {
    /** {@return "12,345 records", or "cut short after 12,345 records"} */
    public String describe() {
      return String.format(Locale.ROOT, cutShort ? "cut short after %,d records" : "%,d records",
          records);
    }
  }

  /**
   * {@return epoch ns minus CLOCK_MONOTONIC ns when the recording started (see the writer)}
   *
   * @param file a recording ({@code .iorrec})
   * @throws IOException when the file cannot be opened (the {@link
   *     java.nio.file.FileSystemException} as thrown) or is not a recording of a known version
   */
  public static long epochOffsetNs(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        StrictGzipInputStream gz = open(raw, file)) {
      return readHeader(new BufferedInputStream(gz, 64), file).epochOffsetNs();
    }
  }

  /**
   * Replays {@code file} into {@code sink}: a first pass checks the whole file and finds where
   * its verified data ends, the second hands the records up to there over.
   *
   * @param file a recording ({@code .iorrec})
   * @param sink receives each record, valid only during the call
   * @return how many records were replayed and whether the recording was cut short
   * @throws IOException when the file is not a recording, has a newer version, is cut short in
   *     its header, or is damaged; the message starts with the file's name
   */
  public static Replay replay(Path file, RecordSink sink) throws IOException {
    Pass check = read(file, DISCARD, Long.MAX_VALUE);
    long limit = check.cut() ? check.verifiedBytes() : Long.MAX_VALUE;
    return new Replay(read(file, sink, limit).records(), check.cut());
  }

  /**
   * One pass over a recording.
   *
   * @param records records handed to the sink
   * @param cut whether the gzip data ended early
   * @param verifiedBytes decompressed bytes (header included) of the complete gzip members
   */
  private record Pass(long records, boolean cut, long verifiedBytes) {}

  /** Hands the records that end within the first {@code limit} decompressed bytes to a sink. */
  private static Pass read(Path file, RecordSink sink, long limit) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        StrictGzipInputStream gz = open(raw, file)) {
      InputStream in = new BufferedInputStream(gz, 1 << 16);
      Header header = readHeader(in, file);
      byte[] bytes = new byte[1 << 16];
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long records = 0;
      long end = FIXED_HEADER_BYTES + header.origin().bytes();
      try {
        for (int lo; (lo = in.read()) >= 0; records++) {
          int hi = in.read();
          int len = lo | hi << 8;
          if (hi < 0 || in.readNBytes(bytes, 0, len) != len) {
            // Checked data that ends inside a record: a writer cut off before its last record
            // was complete; the records before it are sound.
            return new Pass(records, true, end);
          }
          end += 2 + len;
          if (end > limit) {
            break;
          }
          sink.accept(buf, 0, len);
        }
        // A recording without the end mark was cut, if need be exactly between two members.
        return new Pass(records, !isEndMark(gz.extraField()), end);
      } catch (EOFException e) {
        return new Pass(records, true, gz.verifiedBytes());
      } catch (IOException e) {
        throw new IOException(String.format(Locale.ROOT, "%s: %s (after %,d records)", file,
            e.getMessage(), records), e);
      }
    }
  }

  private static StrictGzipInputStream open(InputStream raw, Path file) throws IOException {
    try {
      return new StrictGzipInputStream(raw, true); // the writer ends a member every so often
    } catch (IOException e) {
      throw new IOException(file + ": not an ior recording (.iorrec)", e);
    }
  }

  /** Whether a gzip extra field holds the writer's end mark, subfield {@code IE}. */
  private static boolean isEndMark(byte[] extra) {
    int i = 0;
    while (i + 4 <= extra.length) {
      if (extra[i] == 'I' && extra[i + 1] == 'E') {
        return true;
      }
      i += 4 + (extra[i + 2] & 0xff | (extra[i + 3] & 0xff) << 8);
    }
    return false;
  }

  /** What a recording starts with. */
  private record Header(int version, long epochOffsetNs, RecordingOrigin origin) {}

  /**
   * {@return the arch and syscall table {@code file} was recorded with ({@link
   * RecordingOrigin#LEGACY} for a version-3 recording)}
   *
   * @param file a recording ({@code .iorrec})
   * @throws IOException as {@link #epochOffsetNs}, and when this ior cannot replay its records
   */
  public static RecordingOrigin origin(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        StrictGzipInputStream gz = open(raw, file)) {
      return readHeader(new BufferedInputStream(gz, 64), file).origin();
    }
  }

  /** The header; every problem is an exception naming {@code file}. */
  private static Header readHeader(InputStream in, Path file) throws IOException {
    try {
      byte[] magic = in.readNBytes(RecordFileWriter.MAGIC.length);
      if (!Arrays.equals(magic, RecordFileWriter.MAGIC)) {
        throw new IOException("not an ior recording (.iorrec)");
      }
      int version = in.read();
      if (version < 0) {
        throw new EOFException();
      }
      if (version != RecordFileWriter.VERSION && version != 3) {
        throw new IOException("an ior recording of version " + version + "; this ior reads"
            + " versions 3 and " + RecordFileWriter.VERSION + (version < RecordFileWriter.VERSION
                ? " (its records changed with capture v2: replay it with the ior that made it)"
                : ""));
      }
      byte[] offset = in.readNBytes(8);
      if (offset.length != 8) {
        throw new EOFException();
      }
      RecordingOrigin origin = version == 3 ? RecordingOrigin.LEGACY : RecordingOrigin.read(in);
      String refusal = origin.refusal(SyscallTable.standard());
      if (refusal != null) {
        throw new IOException(refusal);
      }
      return new Header(version,
          ByteBuffer.wrap(offset).order(ByteOrder.LITTLE_ENDIAN).getLong(), origin);
    } catch (EOFException e) {
      throw new IOException(file + ": cut short in its header", e);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
