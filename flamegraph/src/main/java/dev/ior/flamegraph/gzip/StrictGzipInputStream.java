// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.gzip;

import dev.ior.flamegraph.io.InputLimits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip stream (RFC 1952) and refuses every kind of damage that {@link
 * java.util.zip.GZIPInputStream} lets through: it checks each member's CRC-32 and length (ISIZE)
 * also when the caller knows where its data ends (call {@link #atEnd()}), rejects reserved
 * header flags, and refuses bytes after the last member instead of silently ignoring them.
 *
 * <p>A stream that expands more than {@link InputLimits#maxRatio()} times its compressed size
 * is refused like damage (a decompression bomb), so that no reader runs out of memory on one.
 *
 * <p>Damage is a {@link ZipException} whose message says what is wrong in plain words
 * ("damaged: its gzip CRC-32 does not match its data"); a stream that ends early is an {@link
 * EOFException} ("cut short: ..."). Callers prefix the file's name.
 *
 * <p>Closing frees the inflater but leaves the underlying stream open: whoever opened it closes
 * it, so that a reader can hand a caller's stream through without closing it.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(file);
 *     StrictGzipInputStream gz = new StrictGzipInputStream(in, false)) {
 *   Header h = Header.parseDelimitedFrom(gz);
 *   ...
 *   if (!gz.atEnd()) throw new IOException("more rows than announced"); // checks the trailer
 * }
 * }</pre>
 */
public final class StrictGzipInputStream extends InputStream {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  private final InputStream in;
  private final boolean concatenated;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private final Inflater inflater = new Inflater(true); // raw deflate: we parse the framing
  private final CRC32 crc = new CRC32();
  private boolean inMember;
  private boolean done;
  private long delivered;
  private long compressed;
  private final long maxRatio = InputLimits.current().maxRatio();
  private long verified;
  private byte[] extra = new byte[0];
  private final byte[] one = new byte[1];

  /**
   * Reads from {@code in}, which stays open when this stream is closed.
   *
   * @param concatenated whether further members may follow the first (gzip allows it; pprof
   *     readers such as Go's accept it); when false, anything after the first member is damage
   * @param in the gzip bytes
   * @throws IOException when the first member's header cannot be read or is not gzip
   */
  public StrictGzipInputStream(InputStream in, boolean concatenated) throws IOException {
    this.in = in;
    this.concatenated = concatenated;
    readHeader();
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!done) {
      if (!inMember) {
        nextMemberOrEnd();
        continue;
      }
      int n = inflate(b, off, len);
      if (n > 0) {
        crc.update(b, off, n);
        delivered += n;
        if (delivered > InputLimits.RATIO_GRACE && delivered / maxRatio > compressed) {
          throw new ZipException(InputLimits.current().ratioRefusal());
        }
        return n;
      }
      if (inflater.finished()) {
        pos = lim - inflater.getRemaining();
        readTrailer();
      }
    }
    return -1;
  }

  /**
   * {@return whether all data has been read: reads on, which checks every remaining trailer and
   * that nothing follows the last member, and returns false if decompressed data is left}
   *
   * @throws IOException when reading fails or the data is damaged
   */
  public boolean atEnd() throws IOException {
    return read() < 0;
  }

  /**
   * {@return how many of the bytes read so far belong to members whose CRC-32 and length have been
   * checked} After a cut ({@link EOFException}) this is where the trustworthy data ends: a writer
   * that ends a member every so often (as ior's recordings do) keeps all but the last few records
   * of a cut file verifiable.
   */
  public long verifiedBytes() {
    return verified;
  }

  /**
   * {@return the extra field (RFC 1952 FEXTRA: subfields of two id bytes, a little-endian length
   * and data) of the member read last; empty when it has none} Writers mark things such as the
   * regular end of a recording there, where every gzip reader skips them.
   */
  public byte[] extraField() {
    return extra.clone();
  }

  /** Frees the inflater; the underlying stream stays open. */
  @Override
  public void close() {
    inflater.end();
  }

  private int inflate(byte[] b, int off, int len) throws IOException {
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0 || inflater.finished() || inflater.needsDictionary()) {
          if (inflater.needsDictionary()) {
            throw new ZipException("damaged: its compressed data asks for a dictionary");
          }
          return n;
        }
        if (inflater.needsInput()) {
          if (!fill()) {
            throw new EOFException("cut short: its compressed data ends early");
          }
          inflater.setInput(buf, pos, lim - pos);
          pos = lim;
        }
      }
    } catch (DataFormatException e) {
      throw new ZipException("damaged: its compressed data is invalid (" + e.getMessage() + ")");
    }
  }

  private void readHeader() throws IOException {
    if (u8() != 0x1f || u8() != 0x8b) {
      throw new ZipException("not gzip data (no gzip magic)");
    }
    if (u8() != 8) {
      throw new ZipException("damaged: unknown gzip compression method");
    }
    int flags = u8();
    if ((flags & RESERVED) != 0) {
      throw new ZipException("damaged: its gzip header has reserved flags set");
    }
    skip(6); // mtime, extra flags, OS: not needed, and their value cannot make data wrong
    extra = new byte[0];
    if ((flags & FEXTRA) != 0) {
      extra = new byte[u8() | u8() << 8];
      for (int i = 0; i < extra.length; i++) {
        extra[i] = (byte) u8();
      }
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FHCRC) != 0) {
      skip(2);
    }
    inflater.reset();
    crc.reset();
    inMember = true;
  }

  private void readTrailer() throws IOException {
    long expectedCrc = u32();
    long expectedSize = u32();
    if (expectedCrc != crc.getValue()) {
      throw new ZipException("damaged: its gzip CRC-32 does not match its data");
    }
    if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
      throw new ZipException("damaged: its gzip length field does not match its data");
    }
    inMember = false;
    verified = delivered;
  }

  /** After a member: the end of the stream, another member, or damage. */
  private void nextMemberOrEnd() throws IOException {
    if (!fill()) {
      done = true;
      return;
    }
    if (!concatenated) {
      throw new ZipException("damaged: unexpected data after the end of its gzip data");
    }
    try {
      readHeader();
    } catch (ZipException e) { // EOFException passes: a cut inside the next member's header
      throw new ZipException("damaged: unexpected data after the end of its gzip data");
    }
  }

  /** Makes at least one unread byte available; false at the end of the input. */
  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    compressed += n;
    pos = 0;
    lim = n;
    return true;
  }

  private int u8() throws IOException {
    if (!fill()) {
      throw new EOFException("cut short: its gzip header or trailer is incomplete");
    }
    return buf[pos++] & 0xff;
  }

  private long u32() throws IOException {
    return (u8() | u8() << 8 | u8() << 16 | (long) u8() << 24) & 0xffffffffL;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      u8();
    }
  }

  private void skipZeroTerminated() throws IOException {
    while (u8() != 0) {
      // header name or comment: not needed
    }
  }
}
