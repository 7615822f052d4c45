// SPDX-License-Identifier: Apache-2.0
package dev.ior.parquet;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop: ZSTD through zstd-jni, or none. parquet-java's own codec
 * factory goes through Hadoop's codec classes, which ior does not ship. Writing only.
 */
final class ZstdCodecs implements CompressionCodecFactory {
  private final int level;

  /** @param level ZSTD level (1 fast ... 19 small); 3 is zstd's default */
  ZstdCodecs(int level) {
    this.level = level;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    if (codec == CompressionCodecName.UNCOMPRESSED) {
      return new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) {
          return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
      };
    }
    if (codec != CompressionCodecName.ZSTD) {
      throw new IllegalArgumentException("ior writes Parquet pages with ZSTD or uncompressed, not "
          + codec);
    }
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        return BytesInput.from(Zstd.compress(bytes.toByteArray(), level));
      }

      @Override
      public CompressionCodecName getCodecName() {
        return CompressionCodecName.ZSTD;
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("ior only writes Parquet");
  }

  @Override
  public void release() {}
}
