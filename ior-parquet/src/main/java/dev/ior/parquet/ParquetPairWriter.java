// SPDX-License-Identifier: Apache-2.0
package dev.ior.parquet;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.sink.PairSink;
import dev.ior.flamegraph.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes every pair as a row of a Parquet file ({@link PairSchema}, docs/formats.md): ZSTD pages,
 * dictionary-encoded names, row groups of {@link Options#rowGroupBytes} (the memory it buffers).
 * The file appears on {@link #close()}, complete (atomic writer), or never ({@link #abort()}).
 * A write that fails (a full disk) stops the writing; later pairs are counted as not written.
 *
 * <pre>{@code
 * ParquetPairWriter w = ParquetPairWriter.create(Path.of("io.parquet"),
 *     new ParquetPairWriter.Options("host", epochOffsetNs, PairLabels.CURRENT, true, 16 << 20));
 * ... the pipeline feeds w ...
 * w.close();
 * }</pre>
 */
public final class ParquetPairWriter implements PairSink, AutoCloseable {
  /**
   * How to write the file.
   *
   * @param host the host column's value
   * @param epochOffsetNs epoch ns minus CLOCK_MONOTONIC ns, for {@code time_ns}
   * @param labels the container column's source
   * @param zstd ZSTD-compressed pages (else uncompressed)
   * @param rowGroupBytes bytes buffered per row group before it is written (&gt;= 1 MiB)
   */
  public record Options(String host, long epochOffsetNs, PairLabels labels, boolean zstd,
      long rowGroupBytes) {}

  private final Path target;
  private final AtomicFile.Output file;
  private final ParquetWriter<SyscallPair> writer;
  private long rows;
  private long notWritten;
  private IOException failure;
  private boolean closed;

  private ParquetPairWriter(Path target, AtomicFile.Output file, ParquetWriter<SyscallPair> w) {
    this.target = target;
    this.file = file;
    this.writer = w;
  }

  /**
   * Starts {@code file}; it appears under its name on {@link #close()}.
   *
   * @param file where the Parquet file appears
   * @param o the host, clock offset, labels, compression and row-group size
   * @return the writer, a sink of pairs
   * @throws IOException naming the file when its temporary file cannot be created
   */
  public static ParquetPairWriter create(Path file, Options o) throws IOException {
    AtomicFile.Output out = AtomicFile.open(file);
    try {
      PairWriteSupport support = new PairWriteSupport(o.host(), o.epochOffsetNs(), o.labels());
      ParquetWriter<SyscallPair> w = new Builder(new AtomicOutputFile(out.stream(),
          file.toString()), support)
          .withConf(new PlainParquetConfiguration())
          .withCodecFactory(new ZstdCodecs(3))
          .withCompressionCodec(o.zstd() ? CompressionCodecName.ZSTD
              : CompressionCodecName.UNCOMPRESSED)
          .withRowGroupSize(Math.max(1L << 20, o.rowGroupBytes()))
          .withPageSize(1 << 20)
          .withDictionaryEncoding(true)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build();
      return new ParquetPairWriter(file, out, w);
    } catch (IOException e) {
      out.close();
      throw new IOException(file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  @Override
  public void accept(SyscallPair p) {
    if (failure != null) {
      notWritten++;
      return;
    }
    try {
      writer.write(p);
      rows++;
    } catch (IOException e) {
      failure = e;
      notWritten++;
    }
  }

  /** {@return rows written (buffered or on disk)} */
  public long rows() {
    return rows;
  }

  /** {@return pairs not written because an earlier write failed} */
  public long notWritten() {
    return notWritten;
  }

  /**
   * Writes the last row group and the footer, then moves the file to its name.
   *
   * @throws IOException naming the file when a write failed (the file does not appear)
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (AtomicFile.Output f = file) {
      if (failure != null) {
        throw failure;
      }
      writer.close();
      f.commit();
    } catch (IOException e) {
      throw new IOException(target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops the file (the trace never started).
   *
   * @throws IOException when the temporary file cannot be closed or removed
   */
  public void abort() throws IOException {
    closed = true;
    file.close();
  }

  /** parquet-java's builder, with ior's write support for both entry points. */
  private static final class Builder extends ParquetWriter.Builder<SyscallPair, Builder> {
    private final PairWriteSupport support;

    Builder(OutputFile file, PairWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<SyscallPair> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    @Override
    protected WriteSupport<SyscallPair> getWriteSupport(
        org.apache.hadoop.conf.Configuration conf) {
      return support;
    }
  }
}
