// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import dev.ior.flamegraph.intern.Interner;
import dev.ior.flamegraph.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Timeline} in speedscope's file format (its {@code file-format-schema.json}):
 * one evented profile per thread, named "comm pid/tid", in which every syscall is a frame
 * opened at its enter and closed at its exit (frames are the syscall's name with the file as
 * their {@code file}), so speedscope's time order view is the thread's timeline and its left
 * heavy and sandwich views sum time per syscall and file. Times are ns since the first event. A
 * call that would start before the thread's previous call ended (clock skew between CPUs) is
 * moved to that end, since speedscope needs properly nested events.
 *
 * <pre>{@code
 * SpeedscopeWriter.write(sink.timeline(), meta, out);
 * }</pre>
 */
public final class SpeedscopeWriter {
  /** The format's schema, as speedscope names it. */
  public static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

  private SpeedscopeWriter() {}

  /**
   * Writes {@code t} to {@code out} as UTF-8 JSON; {@code out} is flushed, not closed.
   *
   * @param t the timeline
   * @param meta the trace's title, host and clock offset
   * @param out the stream to write to
   * @throws IOException when {@code out} cannot be written
   */
  public static void write(Timeline t, TimelineMeta meta, OutputStream out) throws IOException {
    long base = t.firstNs();
    Interner<String> frameKeys = new Interner<>(0);
    List<String[]> frames = new ArrayList<>();
    TreeMap<Integer, int[]> perThread = byThread(t);
    Map<Integer, Integer> pidOf = t.threads();
    Map<Integer, int[]> frameOf = new TreeMap<>();
    for (Map.Entry<Integer, int[]> e : perThread.entrySet()) {
      int[] ids = new int[e.getValue().length];
      for (int i = 0; i < ids.length; i++) {
        Timeline.Slice s = t.slice(e.getValue()[i]);
        String key = s.syscall() + '\0' + (s.file() == null ? "" : s.file());
        int before = frameKeys.size();
        ids[i] = frameKeys.index(key);
        if (frameKeys.size() > before) {
          frames.add(new String[] {s.syscall(), s.file()});
        }
      }
      frameOf.put(e.getKey(), ids);
    }
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(1 << 12);
    b.append("{\"$schema\":\"").append(SCHEMA).append("\",\"name\":");
    Json.string(b, meta.title()).append(",\"exporter\":\"ior\",\"activeProfileIndex\":0,")
        .append("\"shared\":{\"frames\":[");
    for (int i = 0; i < frames.size(); i++) {
      Json.string(b.append(i == 0 ? "\n{\"name\":" : ",\n{\"name\":"), frames.get(i)[0]);
      if (frames.get(i)[1] != null) {
        Json.string(b.append(",\"file\":"), frames.get(i)[1]);
      }
      b.append('}');
    }
    b.append("]},\n\"profiles\":[");
    boolean firstProfile = true;
    for (Map.Entry<Integer, int[]> e : perThread.entrySet()) {
      int tid = e.getKey();
      int pid = pidOf.getOrDefault(tid, tid);
      b.append(firstProfile ? "\n" : ",\n");
      firstProfile = false;
      b.append("{\"type\":\"evented\",\"name\":");
      Json.string(b, t.threadName(tid) + " " + pid + "/" + tid)
          .append(",\"unit\":\"nanoseconds\",\"startValue\":0,\"endValue\":")
          .append(Math.max(0, t.lastNs() - base)).append(",\"events\":[");
      long end = Long.MIN_VALUE;
      int[] slices = e.getValue();
      int[] ids = frameOf.get(tid);
      for (int i = 0; i < slices.length; i++) {
        Timeline.Slice s = t.slice(slices[i]);
        long open = Math.max(s.enterNs() - base, end);
        long close = Math.max(s.exitNs() - base, open);
        end = close;
        b.append(i == 0 ? "" : ",").append("{\"type\":\"O\",\"frame\":").append(ids[i])
            .append(",\"at\":").append(open).append("},{\"type\":\"C\",\"frame\":")
            .append(ids[i]).append(",\"at\":").append(close).append('}');
        if (b.length() > 1 << 16) {
          w.append(b);
          b.setLength(0);
        }
      }
      b.append("]}");
    }
    b.append("\n]}\n");
    w.append(b);
    w.flush();
  }

  /** Indices of kept slices (in start order) per thread id. */
  private static TreeMap<Integer, int[]> byThread(Timeline t) {
    TreeMap<Integer, int[]> m = new TreeMap<>();
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int i = 0; i < t.size(); i++) {
      counts.merge(t.slice(i).tid(), 1, Integer::sum);
    }
    Map<Integer, Integer> fill = new TreeMap<>();
    counts.forEach((tid, n) -> {
      m.put(tid, new int[n]);
      fill.put(tid, 0);
    });
    for (int i = 0; i < t.size(); i++) {
      int tid = t.slice(i).tid();
      int at = fill.get(tid);
      m.get(tid)[at] = i;
      fill.put(tid, at + 1);
    }
    return m;
  }
}
