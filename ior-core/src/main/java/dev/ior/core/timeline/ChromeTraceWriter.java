// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import dev.ior.flamegraph.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Timeline} in the Chrome trace event format (the JSON object form that
 * Perfetto's UI, {@code chrome://tracing} and speedscope open): one track per thread, named by
 * its comm and grouped under its process; a complete event ({@code "ph":"X"}) per syscall with
 * its file, fd, return value, bytes and errno as arguments; instant events for exec, fork and
 * exit, and global ones for marks (a flight recording's trigger); a {@code bytes/s} counter per
 * process (read, written, transferred, per 100 ms). Times
 * are µs since the first event with ns precision; {@code otherData} holds the run's wall-clock
 * start and how many calls were left out.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("trace.json"))) {
 *   ChromeTraceWriter.write(sink.timeline(), meta, out);
 * }
 * }</pre>
 */
public final class ChromeTraceWriter {
  private ChromeTraceWriter() {}

  /**
   * Writes {@code t} to {@code out} as UTF-8 JSON; {@code out} is flushed, not closed.
   *
   * @param t the timeline
   * @param meta the trace's title, host and clock offset
   * @param out the stream to write to
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(Timeline t, TimelineMeta meta, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    new ChromeTraceWriter.Events(t, w).write(meta);
    w.flush();
  }

  /** The event list, one JSON object per line. */
  private static final class Events {
    private final Timeline t;
    private final Writer w;
    private final long base;
    private final StringBuilder b = new StringBuilder(512);
    private boolean first = true;

    Events(Timeline t, Writer w) {
      this.t = t;
      this.w = w;
      this.base = t.firstNs();
    }

    void write(TimelineMeta meta) throws IOException {
      b.append("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"tool\":\"ior\",\"title\":");
      Json.string(b, meta.title()).append(",\"host\":");
      Json.string(b, meta.host()).append(",\"start\":");
      Json.string(b, Instant.ofEpochSecond(0, base + meta.epochOffsetNs()).toString())
          .append(",\"syscalls\":").append(t.seen())
          .append(",\"slices\":").append(t.size())
          .append(",\"leftOut\":").append(t.leftOut())
          .append(",\"leftOutAre\":\"the fastest calls\"},\n\"traceEvents\":[\n");
      flush();
      names();
      for (int i = 0; i < t.size(); i++) {
        slice(t.slice(i));
      }
      for (Timeline.ProcessEvent e : t.processEvents()) {
        instant(e);
      }
      for (Map.Entry<Integer, List<Timeline.Bucket>> e : t.counters().entrySet()) {
        counter(e.getKey(), e.getValue());
      }
      b.append("\n]}\n");
      flush();
    }

    private void names() throws IOException {
      Set<Integer> named = new HashSet<>();
      for (Map.Entry<Integer, Integer> e : t.threads().entrySet()) {
        int tid = e.getKey();
        int pid = e.getValue();
        if (named.add(pid)) {
          metadata("process_name", pid, pid, t.processName(pid));
        }
        metadata("thread_name", pid, tid, t.threadName(tid));
      }
    }

    private void metadata(String what, int pid, int tid, String name) throws IOException {
      open().append("\"name\":\"").append(what).append("\",\"ph\":\"M\",\"pid\":").append(pid)
          .append(",\"tid\":").append(tid).append(",\"args\":{\"name\":");
      Json.string(b, name).append("}}");
      flush();
    }

    private void slice(Timeline.Slice s) throws IOException {
      open().append("\"name\":");
      Json.string(b, s.syscall()).append(",\"cat\":\"syscall\",\"ph\":\"X\",\"pid\":")
          .append(s.pid()).append(",\"tid\":").append(s.tid()).append(",\"ts\":");
      micros(s.enterNs() - base).append(",\"dur\":");
      micros(Math.max(0, s.exitNs() - s.enterNs())).append(",\"args\":{\"fd\":").append(s.fd())
          .append(",\"ret\":").append(s.ret()).append(",\"bytes\":").append(s.bytes());
      if (s.file() != null) {
        Json.string(b.append(",\"file\":"), s.file());
      }
      if (s.file2() != null) {
        Json.string(b.append(",\"file2\":"), s.file2());
      }
      if (!s.errno().isEmpty()) {
        Json.string(b.append(",\"errno\":"), s.errno());
      }
      b.append("}}");
      flush();
    }

    private void instant(Timeline.ProcessEvent e) throws IOException {
      if (e.kind().equals("mark")) {
        mark(e);
        return;
      }
      open().append("\"name\":\"").append(e.kind())
          .append("\",\"cat\":\"process\",\"ph\":\"i\",\"s\":\"t\",\"pid\":").append(e.pid())
          .append(",\"tid\":").append(e.tid()).append(",\"ts\":");
      micros(e.timeNs() - base).append(",\"args\":{");
      if (e.kind().equals("fork")) {
        b.append("\"child\":").append(e.child());
      } else if (e.comm() != null) {
        Json.string(b.append("\"comm\":"), e.comm());
      }
      b.append("}}");
      flush();
    }

    /** A global instant event: a line across every track (e.g. a flight recording's trigger). */
    private void mark(Timeline.ProcessEvent e) throws IOException {
      open().append("\"name\":");
      Json.string(b, e.comm()).append(",\"cat\":\"mark\",\"ph\":\"i\",\"s\":\"g\",\"pid\":")
          .append(e.pid()).append(",\"tid\":").append(e.tid()).append(",\"ts\":");
      micros(e.timeNs() - base).append(",\"args\":{}}");
      flush();
    }

    /** Rates per bucket; back to 0 after a bucket without a successor. */
    private void counter(int pid, List<Timeline.Bucket> buckets) throws IOException {
      long scale = 1_000_000_000L / TimelineSink.BUCKET_NS;
      for (int i = 0; i < buckets.size(); i++) {
        Timeline.Bucket k = buckets.get(i);
        rate(pid, k.startNs(), k.read() * scale, k.written() * scale, k.transferred() * scale);
        long end = k.startNs() + TimelineSink.BUCKET_NS;
        if (i + 1 == buckets.size() || buckets.get(i + 1).startNs() != end) {
          rate(pid, end, 0, 0, 0);
        }
      }
    }

    private void rate(int pid, long ns, long read, long written, long transferred)
        throws IOException {
      open().append("\"name\":\"bytes/s\",\"cat\":\"io\",\"ph\":\"C\",\"pid\":").append(pid)
          .append(",\"tid\":").append(pid).append(",\"ts\":");
      micros(Math.max(0, ns - base)).append(",\"args\":{\"read\":").append(read)
          .append(",\"written\":").append(written).append(",\"transferred\":")
          .append(transferred).append("}}");
      flush();
    }

    private StringBuilder open() {
      b.append(first ? "{" : ",\n{");
      first = false;
      return b;
    }

    /** ns as µs with three decimals, e.g. 1234567 → 1234.567. */
    private StringBuilder micros(long ns) {
      long us = ns / 1000;
      long frac = Math.abs(ns % 1000);
      b.append(ns < 0 && us == 0 ? "-" : "").append(us).append('.');
      if (frac < 100) {
        b.append('0');
      }
      if (frac < 10) {
        b.append('0');
      }
      return b.append(frac);
    }

    private void flush() throws IOException {
      if (b.length() > 0) {
        w.append(b);
        b.setLength(0);
      }
    }
  }
}
