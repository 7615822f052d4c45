// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a recording written by {@link RecordFileWriter} and hands every record to a sink,
 * e.g. {@code TracePipeline::accept}: a replay needs no root and no BPF.
 *
 * <pre>{@code
 * long offsetNs = RecordFileReader.epochOffsetNs(file); // for wall-clock times
 * long n = RecordFileReader.replay(file, pipeline::accept);
 * pipeline.finish();
 * }</pre>
 */
public final class RecordFileReader {
  private RecordFileReader() {}

  /** Epoch ns minus CLOCK_MONOTONIC ns when the recording started (see the writer). */
  public static long epochOffsetNs(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readHeader(in, file);
    }
  }

  /**
   * Replays {@code file} into {@code sink}.
   *
   * @return the number of records
   * @throws IOException when the file is not a recording, has a newer version, or is cut short
   */
  public static long replay(Path file, RecordSink sink) throws IOException {
    try (InputStream in = open(file)) {
      readHeader(in, file);
      byte[] bytes = new byte[1 << 16];
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long records = 0;
      for (int lo; (lo = in.read()) >= 0; records++) {
        int hi = in.read();
        int len = lo | hi << 8;
        if (hi < 0 || in.readNBytes(bytes, 0, len) != len) {
          throw new EOFException(file + " is cut short after " + records + " records");
        }
        sink.accept(buf, 0, len);
      }
      return records;
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + " is not an ior recording (.iorrec): " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
          1 << 16);
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + " is not an ior recording (.iorrec)", e);
    }
  }

  private static long readHeader(InputStream in, Path file) throws IOException {
    byte[] magic = in.readNBytes(RecordFileWriter.MAGIC.length);
    if (!Arrays.equals(magic, RecordFileWriter.MAGIC)) {
      throw new IOException(file + " is not an ior recording (.iorrec)");
    }
    int version = in.read();
    if (version != RecordFileWriter.VERSION) {
      throw new IOException(file + " is an ior recording of version " + version
          + "; this ior reads version " + RecordFileWriter.VERSION);
    }
    byte[] offset = in.readNBytes(8);
    if (offset.length != 8) {
      throw new EOFException(file + " is cut short in its header");
    }
    return ByteBuffer.wrap(offset).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
