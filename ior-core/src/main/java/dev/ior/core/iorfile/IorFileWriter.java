// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import com.google.protobuf.ByteString;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.proto.Filters;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import dev.ior.core.iorfile.proto.Stats;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import dev.ior.flamegraph.text.NameBytes;
import java.io.BufferedOutputStream;
import dev.ior.flamegraph.io.AtomicFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code .ior} data files: magic, version, then gzip of a header and the rows (see
 * {@link IorFileFormat}). Files are written to a temporary name beside the target and renamed
 * into place, so readers never see half a file.
 *
 * <pre>{@code
 * IorFileWriter.write(Path.of("run.ior"), new IorData(run, table.rows()));
 * }</pre>
 */
public final class IorFileWriter {
  private IorFileWriter() {}

  /**
   * Writes {@code data} to {@code file} through {@link AtomicFile}: complete or not at all.
   *
   * @param file where the {@code .ior} file appears
   * @param data the rows, run metadata and statistics
   * @throws IOException naming {@code file} when it cannot be written
   */
  public static void write(Path file, IorData data) throws IOException {
    AtomicFile.write(file, out -> {
      write(out, data);
      return null;
    });
  }

  /**
   * Writes {@code data} to {@code out}, which is finished but not closed.
   *
   * @param out the stream to write to
   * @param data the rows, run metadata and statistics
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(OutputStream out, IorData data) throws IOException {
    DataOutputStream head = new DataOutputStream(out);
    head.write(IorFileFormat.MAGIC);
    head.writeShort(IorFileFormat.VERSION);
    head.flush();
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    header(data.run(), data.rows().size()).writeDelimitedTo(gz);
    Row.Builder row = Row.newBuilder();
    for (AggregateRow r : data.rows()) {
      row.clear().setPath(name(r.path())).setSyscall(r.syscall()).setComm(name(r.comm()))
          .setThread(name(r.thread())).setCgroup(name(r.cgroup())).setStack(name(r.stack()))
          .setPid(r.pid())
          .setTid(r.tid()).setFlags(r.flags()).setCount(r.count())
          .setDurationNanos(r.durationNs()).setDurationToPrevNanos(r.durationToPrevNs())
          .setBytes(r.bytes()).build().writeDelimitedTo(gz);
    }
    gz.finish();
    out.flush();
  }

  /** A name's exact bytes ({@link NameBytes}): protobuf strings could not hold every name. */
  private static ByteString name(String s) {
    return ByteString.copyFrom(NameBytes.encode(s));
  }

  private static Header header(RunInfo run, int rows) {
    RunFilters f = run.filters();
    return Header.newBuilder()
        .setHost(run.host())
        .setStartUnixNanos(run.startUnixNanos())
        .setDurationNanos(run.durationNanos())
        .setWriterVersion(run.writerVersion())
        .setFilters(Filters.newBuilder().setPid(f.pid()).setTid(f.tid()).setComm(f.comm())
            .setPath(f.path()).addAllTracepoints(f.tracepoints())
            .addAllTracepointsExclude(f.tracepointsExclude())
            .setAttachedSyscalls(f.attachedSyscalls()))
        .setStats(stats(run.stats()))
        .setRowCount(rows)
        .setArch(dev.ior.core.syscall.Arch.DECODED.tsvName())
        .addAllCommandLine(List.copyOf(run.commandLine()))
        .build();
  }

  private static Stats stats(TraceStats s) {
    Losses l = s.losses();
    Stats.Builder b = Stats.newBuilder().setRecords(s.records().total())
        .setEnters(s.records().enters()).setExits(s.records().exits())
        .setMalformed(l.count(LossKind.MALFORMED)).setPairs(s.calls().paired())
        .setEmitted(s.calls().emitted()).setRestarts(s.calls().restarts())
        .setFailed(s.calls().failed()).setRingDrops(l.count(LossKind.RING_FULL))
        .setUnreadAtStop(l.count(LossKind.UNREAD_AT_STOP))
        .setEntersWithoutExit(l.count(LossKind.ENTER_WITHOUT_EXIT))
        .setExitsWithoutEnter(l.count(LossKind.EXIT_WITHOUT_ENTER))
        .setMismatched(l.count(LossKind.MISMATCHED))
        .setInFlightAtStop(s.calls().inFlightAtStop()).setBytesRead(s.bytes().read())
        .setBytesWritten(s.bytes().written()).setBytesTransferred(s.bytes().transferred())
        .setStraddled(l.count(LossKind.ACROSS_LOSS)).setInterrupted(s.calls().interrupted())
        .setCompat(s.calls().compat()).setPathsCut(s.names().pathsCut())
        .setLateNames(s.names().late()).setKernelSkipped(l.count(LossKind.KERNEL_SKIPPED))
        .setStorageFull(l.count(LossKind.NO_THREAD_STATE)).setNamesLost(s.names().lost())
        .setUringEnters(s.uring().enters()).setUringSubmitted(s.uring().submitted());
    for (LossKind k : l.unknownKinds()) {
      b.addUnknownLosses(k.label());
    }
    return b.build();
  }
}
