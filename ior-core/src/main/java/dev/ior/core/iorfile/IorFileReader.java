// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import com.google.protobuf.ByteString;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.proto.Filters;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import dev.ior.core.iorfile.proto.Stats;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.util.StringInterner;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code .ior} data files written by {@link IorFileWriter} (any version up to {@link
 * IorFileFormat#VERSION}). A wrong magic, a newer version or a cut file is an {@link IOException}
 * that says which.
 *
 * <pre>{@code
 * IorData data = IorFileReader.read(Path.of("ior-earth-20261126-070500.ior"));
 * System.out.println(data.run().host() + ": " + data.rows().size() + " rows");
 * }</pre>
 */
public final class IorFileReader {
  private IorFileReader() {}

  /** Reads {@code file}. */
  public static IorData read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
          : new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code file} starts with the {@code .ior} magic. */
  public static boolean isIorFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(IorFileFormat.MAGIC.length), IorFileFormat.MAGIC);
    }
  }

  /** Reads {@code in} to the end of the data; {@code name} labels errors. */
  public static IorData read(InputStream in, String name) throws IOException {
    DataInputStream head = new DataInputStream(in);
    byte[] magic = head.readNBytes(IorFileFormat.MAGIC.length);
    if (!Arrays.equals(magic, IorFileFormat.MAGIC)) {
      throw new IOException(name + ": not an .ior data file (no IORDATA magic)");
    }
    int version = head.readUnsignedShort();
    if (version < 1 || version > IorFileFormat.VERSION) {
      throw new IOException(name + ": .ior format version " + version + " is not supported"
          + " (this ior reads 1.." + IorFileFormat.VERSION + "; update ior)");
    }
    GZIPInputStream gz = new GZIPInputStream(in, 1 << 16);
    Header h = Header.parseDelimitedFrom(gz);
    if (h == null) {
      throw new EOFException(name + ": no header (file cut short)");
    }
    List<AggregateRow> rows = new ArrayList<>((int) Math.min(h.getRowCount(), 1 << 20));
    StringInterner names = new StringInterner(1 << 14); // rows share their paths and comms
    for (long i = 0; i < h.getRowCount(); i++) {
      Row r = Row.parseDelimitedFrom(gz);
      if (r == null) {
        throw new EOFException(name + ": file cut short after " + i + " of " + h.getRowCount()
            + " rows");
      }
      rows.add(new AggregateRow(name(names, r.getPath()), r.getSyscall(),
          name(names, r.getComm()), r.getPid(), r.getTid(), r.getFlags(), r.getCount(),
          r.getDurationNanos(), r.getDurationToPrevNanos(), r.getBytes(),
          name(names, r.getThread())));
    }
    return new IorData(run(h), rows);
  }

  private static String name(StringInterner names, ByteString bytes) {
    byte[] b = bytes.toByteArray();
    return names.intern(b, b.length);
  }

  private static RunInfo run(Header h) {
    Filters f = h.getFilters();
    RunFilters filters = new RunFilters(f.getPid(), f.getTid(), f.getComm(), f.getPath(),
        f.getTracepointsList(), f.getTracepointsExcludeList(), f.getAttachedSyscalls());
    Stats s = h.getStats();
    TraceStats stats = new TraceStats(h.getDurationNanos(), s.getRecords(), s.getEnters(),
        s.getExits(), s.getMalformed(), s.getPairs(), s.getEmitted(), s.getRestarts(),
        s.getFailed(), s.getRingDrops(), s.getUnreadAtStop(), s.getEntersWithoutExit(),
        s.getExitsWithoutEnter(), s.getMismatched(), s.getInFlightAtStop(), s.getBytesRead(),
        s.getBytesWritten(), s.getBytesTransferred(), s.getStraddled(), s.getInterrupted(),
        s.getCompat(), s.getPathsCut(), s.getLateNames(), s.getKernelSkipped(),
        s.getStorageFull(), s.getNamesLost(), s.getUringEnters(), s.getUringSubmitted());
    return new RunInfo(h.getHost(), h.getStartUnixNanos(), h.getDurationNanos(),
        h.getWriterVersion(), filters, stats, h.getCommandLineList());
  }
}
