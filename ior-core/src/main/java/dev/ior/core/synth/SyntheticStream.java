// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.synth;

import dev.ior.core.TracePipeline;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.decode.RecordWriter;
import dev.ior.core.internal.fd.LinuxProcFs;
import dev.ior.core.record.RecordSink;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Paths;

/**
 * A synthetic record stream shaped like a database's file I/O: per iteration openat, pwrite64,
 * pread64, newfstat, lseek and close, 8 threads in 2 processes, 64 files; now and then a failed
 * open of a relative path and a short-lived child process. Used by the pipeline
 * benchmark and to warm the JIT up before a live trace, so that the first seconds of a trace do
 * not cost the traced programs more than the rest.
 *
 * <pre>{@code
 * SyntheticStream s = SyntheticStream.encode(SyscallTable.standard(), 10_000);
 * s.feed(pipeline); // 120,000 records
 * }</pre>
 */
public final class SyntheticStream {
  /**
   * A child process every this many iterations when churning: often enough that the JIT's
   * profiles see new processes, new threads and every record kind as common, so real ones do
   * not throw compiled code away ("unstable if" traps, measured on the first live records).
   */
  private static final int CHURN_EVERY = 8;
  /** One warm-up pass: 250 of each rare path (CHURN_EVERY), past C1's 200 calls. */
  private static final int WARM_UP_ITERATIONS = 2_000;

  private final ByteBuffer buf;
  private final int size;
  private static final dev.ior.core.internal.decode.Ident NO_FILE = new dev.ior.core.internal.decode.Ident();
  private final int[] offsets;
  private final int[] lengths;

  private SyntheticStream(ByteBuffer buf, int[] offsets, int[] lengths) {
    // Fed through a read-only direct view, the buffer class the ring reader hands out: with
    // another class the JIT's type profile would not fit the live trace and its code would be
    // thrown away (deoptimized) on the first real record.
    this.buf = buf.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    this.size = buf.position();
    this.offsets = offsets;
    this.lengths = lengths;
  }

  /**
   * Encodes {@code iterations} × 12 records of long-lived processes into a direct buffer.
   *
   * @param t the syscall table the records' ids come from
   * @param iterations how many rounds of 12 records, > 0
   * @return the encoded stream
   */
  public static SyntheticStream encode(SyscallTable t, int iterations) {
    return encode(t, iterations, false);
  }

  /**
   * Like {@link #encode(SyscallTable, int)}; with {@code churn}, every 8th iteration adds a
   * rename, a failed relative open and a child process that forks, execs, reads its inherited
   * stdin and exits (new processes need new state, so this stream allocates per child).
   *
   * @param t the syscall table the records' ids come from
   * @param iterations how many rounds of 12 records (plus churn), > 0
   * @param churn whether to add the renames, failed opens and child processes
   * @return the encoded stream
   */
  public static SyntheticStream encode(SyscallTable t, int iterations, boolean churn) {
    ByteBuffer b = ByteBuffer.allocateDirect(iterations * 12 * 180).order(ByteOrder.LITTLE_ENDIAN);
    RecordWriter w = new RecordWriter();
    dev.ior.core.internal.decode.Ident file = new dev.ior.core.internal.decode.Ident();
    int rare = iterations / CHURN_EVERY + 1;
    int[] off = new int[iterations * 12 + rare * 9];
    int[] len = new int[off.length];
    Syscall openat = t.byName("openat");
    Syscall[] calls = {openat, t.byName("pwrite64"), t.byName("pread64"), t.byName("newfstat"),
        t.byName("lseek"), t.byName("close")};
    int n = 0;
    long time = 1_000_000;
    for (int i = 0; i < iterations; i++) {
      int tid = 100 + i % 8;
      int pid = tid < 104 ? 100 : 104;
      int fd = 3 + tid % 4;
      String comm = pid == 100 ? "postgres" : "mysqld";
      String path = "/var/lib/data/table" + i % 64 + ".dat";
      file.set(1000 + i % 64, 8 << 20 | 1, 1);
      for (Syscall s : calls) {
        off[n] = b.position();
        len[n++] = s == openat
            ? w.enterPath(b, s, pid, tid, time += 50, comm, -100, path, 02 | 0100, 0644)
            : w.enterFd(b, s, pid, tid, time += 50, comm, fd, 0, 0, file, 0);
        off[n] = b.position();
        long ret = s == openat ? fd : s.io() != dev.ior.core.syscall.IoKind.NONE ? 4096 : 0;
        len[n++] = w.exit(b, s, pid, tid, time += 700, ret, s == openat ? file : NO_FILE);
      }
      if (churn && i % CHURN_EVERY == 0) {
        int child = 1000 + i;
        off[n] = b.position();
        len[n++] = w.enterName(b, t.byName("rename"), pid, tid, time += 50, comm, -100,
            path + ".tmp", -100, path);
        off[n] = b.position();
        len[n++] = w.exit(b, t.byName("rename"), pid, tid, time += 700, 0);
        off[n] = b.position();
        len[n++] = w.enterPath(b, openat, pid, tid, time += 50, comm, -100,
            "missing.conf", 0, 0);
        off[n] = b.position();
        len[n++] = w.exit(b, openat, pid, tid, time += 700, -2);
        off[n] = b.position();
        len[n++] = w.proc(b, RecordLayout.KIND_PROC_FORK, 0, pid, tid, time, comm, child,
            child);
        off[n] = b.position();
        len[n++] = w.proc(b, RecordLayout.KIND_PROC_EXEC, 0, child, child, time, "sh", 0,
            child);
        off[n] = b.position();
        len[n++] = w.enterArgs(b, t.byName("read"), child, child, time += 50, "sh", 0,
            0, 0);
        off[n] = b.position();
        len[n++] = w.exit(b, t.byName("read"), child, child, time += 700, 10);
        off[n] = b.position();
        len[n++] = w.proc(b, RecordLayout.KIND_TASK_EXIT, RecordLayout.F_GROUP_DEAD, child,
            child, time, "sh", 0, 0);
      }
    }
    return new SyntheticStream(b, java.util.Arrays.copyOf(off, n), java.util.Arrays.copyOf(len, n));
  }

  /** {@return number of records} */
  public int records() {
    return offsets.length;
  }

  /** {@return bytes of records} */
  public int bytes() {
    return size;
  }

  /**
   * Hands every record to {@code sink}.
   *
   * @param sink receives each record, valid only during the call
   */
  public void forEach(RecordSink sink) {
    for (int i = 0; i < offsets.length; i++) {
      sink.accept(buf, offsets[i], lengths[i]);
    }
  }

  /**
   * Feeds every record to {@code pipeline}.
   *
   * @param pipeline the pipeline to feed (not finished)
   */
  public void feed(TracePipeline pipeline) {
    for (int i = 0; i < offsets.length; i++) {
      pipeline.accept(buf, offsets[i], lengths[i]);
    }
  }

  /**
   * Runs {@code rounds} passes of a stream through a throw-away pipeline into {@code sink}, so
   * that decoding, pairing, fd tracking and the sink are compiled before real records arrive.
   * One pass (2,000 iterations: 26,250 records, with 250 of each rare path: fork, exec, exit,
   * rename, failed open) takes every method of the path past HotSpot's thresholds for its first
   * compiler (C1: 200 calls, or 2,000 with loops; {@code -XX:+PrintFlagsFinal} names them
   * Tier3InvocationThreshold and Tier3CompileThreshold), which is what a live start needs: C1's
   * code decodes and pairs millions of records per second (3.2 M/s in {@code PipelineBenchmark}
   * with C1 alone, 14 M/s with C2), the ring holds a burst meanwhile, and C2 compiles what stays
   * hot on live records. A pass takes a cold JVM about 180 ms (5,000 iterations took 280: longer
   * than the BPF load it runs beside). More passes buy C2's code at the price of seconds of
   * compilation before the first record is read.
   *
   * @param table the syscall table the records' ids come from
   * @param sink the sink to warm up; it receives the pairs and {@code finish()} is not called
   * @param rounds passes over a stream of 2,000 iterations, >= 0
   */
  public static void warmUp(SyscallTable table, PairSink sink, int rounds) {
    SyntheticStream s = encode(table, WARM_UP_ITERATIONS, true);
    // The live tracer's ProcFs class over an empty root: same JIT type profile, no lookups hit.
    ProcFs none = new LinuxProcFs(Paths.get("/nonexistent/ior-warm-up"));
    TracePipeline p = new TracePipeline(table, PairFilter.NONE, none, sink);
    for (int r = 0; r < rounds; r++) {
      s.feed(p);
    }
  }
}
