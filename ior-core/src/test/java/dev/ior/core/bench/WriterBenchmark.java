// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.bench;

import dev.ior.core.TracePipeline;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.projection.IorProfiles;
import dev.ior.core.projection.Projection;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where the time of the {@code .ior} and pprof writers goes: the whole write, the gzip of the
 * same payload alone, and the protobuf encoding alone; beside them, as the anchor for "a writer
 * of our own", a hand-written varint encoding of the same {@code .ior} rows (the least such a
 * writer could cost). Prints ms per write; asserts nothing. Run: {@code scripts/bench-writers.sh
 * [ROWS [ROUNDS]]} (defaults 200000 8), which runs it on the packaged jars (protobuf relocated).
 */
public final class WriterBenchmark {
  private static final String[] SYSCALLS = {"read", "write", "openat", "close", "fsync", "pread64"};

  private WriterBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    IorData data = data(n);
    StackProfile profile = IorProfiles.of(data, Projection.defaults()).profile();
    byte[] iorPayload = gunzipAfterHeader(ior(data));
    byte[] pprofPayload = PprofWriter.toProto(profile).toByteArray();
    System.out.printf(Locale.ROOT, ".ior: %,d rows, %,d bytes of protobuf, %,d gzipped;"
        + " pprof: %,d samples, %,d bytes of protobuf%n", n, iorPayload.length,
        ior(data).length, profile.samples().size(), pprofPayload.length);
    long sink = 0;
    for (int r = 1; r <= rounds; r++) {
      long t0 = System.nanoTime();
      sink += ior(data).length;
      long t1 = System.nanoTime();
      sink += gzip(iorPayload).length;
      long t2 = System.nanoTime();
      sink += handWritten(data.rows()).length;
      long t3 = System.nanoTime();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PprofWriter.write(profile, out);
      sink += out.size();
      long t4 = System.nanoTime();
      sink += PprofWriter.toProto(profile).toByteArray().length;
      long t5 = System.nanoTime();
      sink += gzip(pprofPayload).length;
      long t6 = System.nanoTime();
      System.out.printf(Locale.ROOT, "round %d: .ior write %4d ms (gzip alone %4d ms, so"
          + " protobuf ~%4d ms; hand-written encoding %4d ms) | pprof write %4d ms (protobuf"
          + " model+encode %4d ms, gzip alone %4d ms)%n", r, ms(t1 - t0), ms(t2 - t1),
          ms((t1 - t0) - (t2 - t1)), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t6 - t5));
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static IorData data(int n) {
    List<AggregateRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new AggregateRow("/var/lib/db/t" + (i % 997) + "/f" + i + ".dat",
          SYSCALLS[i % SYSCALLS.length], "worker" + (i % 13), 1000 + i % 13, 2000 + i % 101,
          i % 7, 1 + i % 1000, 1_000L * (i % 5000), 500L * (i % 3000), 4096L * (i % 64),
          "worker" + (i % 13) + "-t" + (i % 8), "/system.slice/db.service"));
    }
    TraceStats none = new TracePipeline(SyscallTable.standard(), PairFilter.NONE, ProcFs.EMPTY,
        p -> { }).stats();
    return new IorData(new RunInfo("bench", 1, 2, "bench", RunFilters.none(), none,
        List.of("bench")), rows);
  }

  private static byte[] ior(IorData data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    IorFileWriter.write(out, data);
    return out.toByteArray();
  }

  /** The .ior file's protobuf stream: what follows its 8-byte magic and 2-byte version. */
  private static byte[] gunzipAfterHeader(byte[] file) throws IOException {
    int head = 10;
    try (GZIPInputStream in = new GZIPInputStream(
        new ByteArrayInputStream(file, head, file.length - head))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(payload);
    }
    return out.toByteArray();
  }

  /** The rows' fields as length-delimited varint records, as a writer of our own would. */
  private static byte[] handWritten(List<AggregateRow> rows) {
    Buf b = new Buf();
    Buf row = new Buf();
    for (AggregateRow r : rows) {
      row.len = 0;
      row.bytes(1, r.path());
      row.bytes(2, r.syscall());
      row.bytes(3, r.comm());
      row.varint(4, r.pid());
      row.varint(5, r.tid());
      row.varint(6, (r.flags() << 1) ^ (r.flags() >> 31));
      row.varint(7, r.count());
      row.varint(8, r.durationNs());
      row.varint(9, r.durationToPrevNs());
      row.varint(10, r.bytes());
      row.bytes(11, r.thread());
      row.bytes(12, r.cgroup());
      b.raw(row.len);
      b.append(row);
    }
    return java.util.Arrays.copyOf(b.a, b.len);
  }

  /** A growable byte array with protobuf's varint and length-delimited encodings. */
  private static final class Buf {
    byte[] a = new byte[1 << 16];
    int len;

    void raw(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        a[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      a[len++] = (byte) v;
    }

    void varint(int field, long v) {
      if (v != 0) {
        raw(field << 3);
        raw(v);
      }
    }

    void bytes(int field, String s) {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      raw((field << 3) | 2);
      raw(u.length);
      ensure(u.length);
      System.arraycopy(u, 0, a, len, u.length);
      len += u.length;
    }

    void append(Buf o) {
      ensure(o.len);
      System.arraycopy(o.a, 0, a, len, o.len);
      len += o.len;
    }

    private void ensure(int more) {
      if (len + more > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, len + more));
      }
    }
  }

  private static long ms(long ns) {
    return ns / 1_000_000;
  }
}
