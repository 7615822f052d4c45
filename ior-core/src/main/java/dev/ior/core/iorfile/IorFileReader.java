// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.internal.util.StringInterner;
import dev.ior.core.iorfile.proto.Filters;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import dev.ior.core.iorfile.proto.Stats;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.Arch;
import dev.ior.flamegraph.gzip.StrictGzipInputStream;
import dev.ior.flamegraph.io.InputLimits;
import dev.ior.flamegraph.text.NameEscaper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code .ior} data files written by {@link IorFileWriter} (any version up to {@link
 * IorFileFormat#VERSION}) and refuses damaged ones: a wrong magic, a newer version, a cut file,
 * a gzip CRC-32 or length that does not match, data after the end, undecodable messages, fewer
 * or more rows than the header announces, and impossible values (negative counts, durations,
 * bytes or ids; sums past the range of a long). Each is an {@link IOException} whose message
 * starts with the file's name and says which in plain words, so that a damaged file is never
 * read as different numbers.
 *
 * <pre>{@code
 * IorData data = IorFileReader.read(Path.of("ior-earth-20261126-070500.ior"));
 * System.out.println(data.run().host() + ": " + data.rows().size() + " rows");
 * }</pre>
 */
public final class IorFileReader {
  private IorFileReader() {}

  /**
   * Reads {@code file}.
   *
   * @param file a {@code .ior} file
   * @return the file's rows, run metadata and statistics
   * @throws IOException a {@link java.nio.file.FileSystemException} as thrown when the file
   *     cannot be opened; else one whose message starts with the file's name
   */
  public static IorData read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString());
    }
  }

  /**
   * {@return whether {@code file} starts with the {@code .ior} magic}
   *
   * @param file any readable file
   * @throws IOException when {@code file} cannot be read
   */
  public static boolean isIorFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(IorFileFormat.MAGIC.length), IorFileFormat.MAGIC);
    }
  }

  /**
   * Reads {@code in} to its end, which is not closed; {@code name} starts every error message.
   *
   * @param in the stream, positioned at the magic
   * @param name the file's name for error messages
   * @return the stream's rows, run metadata and statistics
   * @throws IOException when {@code in} cannot be read or holds no valid {@code .ior} data; the
   *     message starts with {@code name}
   */
  public static IorData read(InputStream in, String name) throws IOException {
    byte[] magic = in.readNBytes(IorFileFormat.MAGIC.length);
    if (!Arrays.equals(magic, IorFileFormat.MAGIC)) {
      throw new IOException(name + ": not an .ior data file (no IORDATA magic)");
    }
    byte[] v = in.readNBytes(2);
    if (v.length < 2) {
      throw new IOException(name + ": cut short in its header");
    }
    int version = (v[0] & 0xff) << 8 | v[1] & 0xff;
    if (version < 1 || version > IorFileFormat.VERSION) {
      throw new IOException(name + ": .ior format version " + version + " is not supported"
          + " (this ior reads 1.." + IorFileFormat.VERSION + "; update ior)");
    }
    try (StrictGzipInputStream gz = new StrictGzipInputStream(in, false)) {
      return readMessages(gz);
    } catch (InvalidProtocolBufferException e) {
      // protobuf wraps the stream's own errors (damaged gzip, cut file): report those as such.
      if (e.getCause() instanceof IOException c && !(c instanceof InvalidProtocolBufferException)) {
        throw new IOException(name + ": " + c.getMessage(), c);
      }
      throw new IOException(name + ": damaged: its data cannot be decoded", e);
    } catch (IOException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    } catch (ArithmeticException e) {
      throw new IOException(name + ": damaged: its totals add up past the range of a 64-bit"
          + " number", e);
    }
  }

  private static String name(StringInterner names, ByteString bytes) {
    byte[] b = bytes.toByteArray();
    return names.intern(b, b.length);
  }

  private static IorData readMessages(StrictGzipInputStream gz) throws IOException {
    Header h = Header.parseDelimitedFrom(gz);
    if (h == null) {
      throw new IOException("cut short: no header");
    }
    String arch = h.getArch().isEmpty() ? Arch.X86_64.tsvName() : h.getArch(); // older files
    if (!arch.equals(Arch.DECODED.tsvName())) {
      throw new IOException("written on " + NameEscaper.TERMINAL.escape(arch) + "; this ior reads "
          + Arch.DECODED.tsvName() + " .ior files only (open flags differ between arches)");
    }
    RunInfo run = run(h);
    long announced = h.getRowCount();
    if (announced < 0) {
      throw new IOException("damaged: its header announces " + announced + " rows");
    }
    InputLimits limits = InputLimits.current();
    if (announced > limits.maxRows()) {
      throw new IOException(limits.rowsRefusal(announced, "its header announces"));
    }
    List<AggregateRow> rows = new ArrayList<>((int) Math.min(announced, 1 << 20));
    long[] sums = new long[4];
    StringInterner names = new StringInterner(1 << 14); // rows share their paths and comms
    for (long i = 0; i < announced; i++) {
      Row r = Row.parseDelimitedFrom(gz);
      if (r == null) {
        throw new IOException("damaged: it holds " + i + " rows, its header announces "
            + announced);
      }
      rows.add(row(r, i + 1, sums, names));
    }
    if (!gz.atEnd()) {
      throw new IOException("damaged: it holds more than the " + announced
          + " rows its header announces");
    }
    return new IorData(run, rows);
  }

  /** Row {@code number} (1-based), checked; its counters are added to {@code sums}. */
  private static AggregateRow row(Row r, long number, long[] sums, StringInterner names)
      throws IOException {
    long[] counters = {r.getCount(), r.getDurationNanos(), r.getDurationToPrevNanos(),
        r.getBytes()};
    String[] counterNames = {"count", "duration", "durationToPrev", "bytes"};
    for (int i = 0; i < counters.length; i++) {
      if (counters[i] < 0) {
        throw new IOException("damaged: row " + number + " has a negative " + counterNames[i]
            + " ("
            + counters[i] + ")");
      }
      sums[i] = Math.addExact(sums[i], counters[i]); // every projection's sums then fit
    }
    if (r.getPid() < 0 || r.getTid() < 0) {
      throw new IOException("damaged: row " + number + " has a negative pid or tid");
    }
    return new AggregateRow(name(names, r.getPath()), r.getSyscall(), name(names, r.getComm()),
        r.getPid(), r.getTid(), r.getFlags(), r.getCount(), r.getDurationNanos(),
        r.getDurationToPrevNanos(), r.getBytes(), name(names, r.getThread()),
        name(names, r.getCgroup()), name(names, r.getStack()));
  }

  private static RunInfo run(Header h) throws IOException {
    Filters f = h.getFilters();
    RunFilters filters = new RunFilters(f.getPid(), f.getTid(), f.getComm(), f.getPath(),
        f.getTracepointsList(), f.getTracepointsExcludeList(), f.getAttachedSyscalls());
    Stats s = h.getStats();
    long[] counters = {h.getDurationNanos(), s.getRecords(), s.getEnters(), s.getExits(),
        s.getMalformed(), s.getPairs(), s.getEmitted(), s.getRestarts(), s.getFailed(),
        s.getRingDrops(), s.getUnreadAtStop(), s.getEntersWithoutExit(), s.getExitsWithoutEnter(),
        s.getMismatched(), s.getInFlightAtStop(), s.getBytesRead(), s.getBytesWritten(),
        s.getBytesTransferred(), s.getStraddled(), s.getInterrupted(), s.getCompat(),
        s.getPathsCut(), s.getLateNames(), s.getStorageFull(), s.getNamesLost(),
        s.getUringEnters(), s.getUringSubmitted()};
    long sum = 0;
    for (long c : counters) {
      if (c < 0) {
        throw new IOException("damaged: its run statistics hold a negative number (" + c + ")");
      }
      sum = Math.addExact(sum, c); // TraceStats.lost() adds some of them up
    }
    if (h.getStartUnixNanos() < 0 || f.getPid() < 0 || f.getTid() < 0
        || f.getAttachedSyscalls() < 0) {
      throw new IOException("damaged: its header holds a negative start time, pid or count");
    }
    if (s.getKernelSkipped() < -1) {
      throw new IOException("damaged: its run statistics hold a negative number ("
          + s.getKernelSkipped() + ")");
    }
    return new RunInfo(h.getHost(), h.getStartUnixNanos(), h.getDurationNanos(),
        h.getWriterVersion(), filters, stats(h.getDurationNanos(), s), h.getCommandLineList());
  }

  /** The run's statistics; unknown loss kinds are named (older files: kernel_skipped -1). */
  private static TraceStats stats(long durationNs, Stats s) throws IOException {
    Losses.Builder losses = Losses.builder().add(LossKind.MALFORMED, s.getMalformed())
        .add(LossKind.RING_FULL, s.getRingDrops()).add(LossKind.UNREAD_AT_STOP, s.getUnreadAtStop())
        .add(LossKind.ENTER_WITHOUT_EXIT, s.getEntersWithoutExit())
        .add(LossKind.EXIT_WITHOUT_ENTER, s.getExitsWithoutEnter())
        .add(LossKind.MISMATCHED, s.getMismatched()).add(LossKind.ACROSS_LOSS, s.getStraddled())
        .add(LossKind.NO_THREAD_STATE, s.getStorageFull());
    if (s.getKernelSkipped() < 0) {
      losses.unknown(LossKind.KERNEL_SKIPPED);
    } else {
      losses.add(LossKind.KERNEL_SKIPPED, s.getKernelSkipped());
    }
    for (String label : s.getUnknownLossesList()) {
      LossKind k = LossKind.byLabel(label);
      if (k != null) { // a kind a newer writer knows: nothing to mark here
        losses.unknown(k);
      }
    }
    return new TraceStats(durationNs,
        new TraceStats.Records(s.getRecords(), s.getEnters(), s.getExits()),
        new TraceStats.Calls(s.getPairs(), s.getEmitted(), s.getFailed(), s.getRestarts(),
            s.getInterrupted(), s.getCompat(), s.getInFlightAtStop()),
        new TraceStats.Bytes(s.getBytesRead(), s.getBytesWritten(), s.getBytesTransferred()),
        new TraceStats.Names(s.getPathsCut(), s.getLateNames(), s.getNamesLost()),
        new TraceStats.Uring(s.getUringEnters(), s.getUringSubmitted()), losses.build());
  }

}
