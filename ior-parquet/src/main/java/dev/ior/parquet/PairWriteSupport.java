// SPDX-License-Identifier: Apache-2.0
package dev.ior.parquet;

import dev.ior.core.event.Errno;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.metrics.PairLabels;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes a pair's fields straight to Parquet's record consumer (no intermediate row objects).
 * Names are the pipeline's interned strings, so their UTF-8 bytes are cached by identity: a
 * call whose file, comm and thread were seen before encodes nothing anew.
 */
final class PairWriteSupport extends WriteSupport<SyscallPair> {
  private static final int MAX_CACHED = 1 << 16;

  private final String host;
  private final long epochOffsetNs;
  private final PairLabels labels;
  private final Map<String, Binary> utf8 = new IdentityHashMap<>();
  private RecordConsumer out;

  PairWriteSupport(String host, long epochOffsetNs, PairLabels labels) {
    this.host = host;
    this.epochOffsetNs = epochOffsetNs;
    this.labels = labels;
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(PairSchema.SCHEMA, Map.of("ior.schema", "1"));
  }

  /** Hadoop's entry point; never called (the writer is built with a ParquetConfiguration). */
  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    throw new UnsupportedOperationException("ior writes Parquet without Hadoop");
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(SyscallPair p) {
    out.startMessage();
    string(0, "host", host);
    int64(1, "time_ns", epochOffsetNs + p.enterNs());
    int64(2, "duration_ns", p.durationNs());
    int64(3, "gap_ns", p.gapNs());
    String container = labels.container(p);
    string(4, "container", container == null || container.isEmpty() ? null : container);
    int64(5, "cgroup_id", p.cgroupId());
    string(6, "comm", p.comm());
    int32(7, "pid", p.pid());
    int32(8, "tid", p.tid());
    string(9, "thread", p.thread() == null ? "" : p.thread());
    string(10, "syscall", p.syscall().name());
    string(11, "family", p.syscall().family());
    int32(12, "fd", p.fd());
    string(13, "file", p.file());
    string(14, "file2", p.file2());
    int32(15, "flags", p.flags());
    int64(16, "ret", p.ret());
    string(17, "errno", p.ret() < 0 ? Errno.name(p.ret()) : null);
    int64(18, "bytes", p.bytes());
    int32(19, "marks", p.marks());
    out.endMessage();
  }

  private void int64(int i, String name, long v) {
    out.startField(name, i);
    out.addLong(v);
    out.endField(name, i);
  }

  private void int32(int i, String name, int v) {
    out.startField(name, i);
    out.addInteger(v);
    out.endField(name, i);
  }

  /** A null leaves the (optional) field out. */
  private void string(int i, String name, String v) {
    if (v == null) {
      return;
    }
    out.startField(name, i);
    out.addBinary(binary(v));
    out.endField(name, i);
  }

  private Binary binary(String s) {
    Binary b = utf8.get(s);
    if (b == null) {
      if (utf8.size() >= MAX_CACHED) {
        utf8.clear(); // names are bounded by the pipeline's tables; this only caps the cache
      }
      b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
      utf8.put(s, b);
    }
    return b;
  }
}
