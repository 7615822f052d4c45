// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.aggregate.AggregateTable;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.record.RecordSink;
import dev.ior.core.trace.TraceStream;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.testing.GoPprof;
import java.io.OutputStream;
import java.nio.file.Files;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.StackPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User stacks on the real kernel: a C program with a known call chain built with frame pointers,
 * traced with every stack and with sampling.
 */
class StacksEndToEndTest {
  static final String COMM = "callchain";
  static final int WRITES = 200;

  @TempDir Path dir;

  @BeforeEach
  void requireBpf() {
    BpfRequirement.check();
  }

  /** Compiles test/c/callchain.c with frame pointers and no inlining. */
  static Path build(Path dir) throws Exception {
    Path src = Path.of(System.getenv().getOrDefault("IOR_REPO_ROOT", ".."),
        "ior-bpf/src/test/c/callchain.c").toAbsolutePath();
    Path exe = dir.resolve(COMM);
    run("gcc", "-O1", "-g", "-fno-omit-frame-pointer", "-fno-inline", "-o", exe.toString(),
        src.toString());
    return exe;
  }

  record Call(String syscall, long bytes, CallStack stack) {}

  static List<Call> trace(StackPolicy policy, Path exe, Path out) throws Exception {
    return trace(policy, exe, out, new AggregateTable(64));
  }

  /** Traces one run of the program; every pair also goes into {@code table}. */
  static List<Call> trace(StackPolicy policy, Path exe, Path out, AggregateTable table)
      throws Exception {
    return trace(policy, exe, out, table, null, 1500);
  }

  /**
   * Traces one run of the program lingering {@code lingerMs} after its writes, recording the raw
   * records to {@code recorder} when not null.
   */
  static List<Call> trace(StackPolicy policy, Path exe, Path out, AggregateTable table,
      RecordSink recorder, int lingerMs) throws Exception {
    return trace(policy, exe, out, table, recorder, lingerMs, false);
  }

  /**
   * As above; {@code holdConsumer}: the consumer waits at the program's first call until the
   * program has exited, so every later stack is named after the process (and its /proc/PID/maps)
   * is gone: the race of a short-lived process, lost every time.
   */
  static List<Call> trace(StackPolicy policy, Path exe, Path out, AggregateTable table,
      RecordSink recorder, int lingerMs, boolean holdConsumer) throws Exception {
    List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch exited = new CountDownLatch(holdConsumer ? 1 : 0);
    BpfTraceSession s = BpfTraceSession.start(TraceConfig.builder().comm(COMM).build(), policy,
        p -> {
          calls.add(new Call(p.syscall().name(), p.bytes(), p.stack()));
          table.add(p);
          try {
            exited.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, System.err::println, recorder);
    try {
      run(exe.toString(), out.toString(), Integer.toString(WRITES), Integer.toString(lingerMs));
      exited.countDown();
      s.stop();
    } finally {
      exited.countDown();
      s.close();
    }
    assertNull(s.failure());
    return new ArrayList<>(calls);
  }

  @Test
  void writesCarryTheirCallChainRootFirst() throws Exception {
    Path exe = build(dir);
    List<Call> calls = trace(StackPolicy.ALL, exe, dir.resolve("log"));
    assertEveryWriteHasTheChain(calls, "a write");
  }

  /** Every write was traced, and its stack ends with the program's chain, root first. */
  private static void assertEveryWriteHasTheChain(List<Call> calls, String what) {
    List<Call> writes = calls.stream().filter(c -> c.syscall().equals("write")).toList();
    assertEquals(WRITES, writes.size(), "every write traced: " + calls);
    System.out.println("stack of " + what + ": " + writes.get(0).stack().folded());
    for (Call w : writes) {
      List<String> f = w.stack().frames();
      int main = f.indexOf("main");
      assertTrue(main >= 0, "main in " + f);
      assertEquals(List.of("main", "flush_log", "write_all", "write"), f.subList(main, f.size()),
          "the chain root first, then libc's write, innermost: " + f);
    }
  }

  /**
   * A process that exits right after its writes is gone (with /proc/PID/maps) before the
   * consumer names its stacks (held here until it has exited, so the race is lost every time):
   * the kernel sent its executable mappings before its first stack (and again once the loader
   * had mapped libc), so every write still has the chain (docs/stacks.md, short-lived
   * processes).
   */
  @Test
  void aShortLivedProcessStillGetsItsCallChain() throws Exception {
    Path exe = build(dir);
    List<Call> calls = trace(StackPolicy.ALL, exe, dir.resolve("log"), new AggregateTable(64),
        null, 0, true);
    assertEveryWriteHasTheChain(calls, "a short-lived process's write");
  }

  /**
   * A recording keeps the names of the stacks (the stack map and the processes are gone at
   * replay): replayed, every call has the stack the live trace gave it.
   */
  @Test
  void aReplayedRecordingHasTheLiveStacks() throws Exception {
    Path exe = build(dir);
    Path rec = dir.resolve("chain.iorrec");
    List<Call> live;
    try (RecordFileWriter w = RecordFileWriter.create(rec, 0)) {
      live = trace(StackPolicy.ALL, exe, dir.resolve("log"), new AggregateTable(64), w, 100);
    }
    List<Call> replayed = Collections.synchronizedList(new ArrayList<>());
    TraceStream.openFile(rec, TraceConfig.builder().comm(COMM).build())
        .onPair(p -> replayed.add(new Call(p.syscall().name(), p.bytes(), p.stack()))).start();
    assertTrue(live.stream().anyMatch(c -> c.stack().folded().endsWith("write_all;write")),
        "the live trace named the chain: " + live);
    assertEquals(render(live), render(replayed), "syscall, bytes and stack of every call");
  }

  private static String render(List<Call> calls) {
    StringBuilder b = new StringBuilder();
    for (Call c : calls) {
      b.append(c.syscall()).append(' ').append(c.bytes()).append(' ')
          .append(c.stack().folded()).append('\n');
    }
    return b.toString();
  }

  @Test
  void goToolPprofShowsWriteAllByLatency() throws Exception {
    Path exe = build(dir);
    AggregateTable table = new AggregateTable(64);
    trace(StackPolicy.ALL, exe, dir.resolve("log"), table);
    Projection byLatency = Projection.parse("stack,tracepoint", "duration");
    Path pprof = dir.resolve("stacks.pb.gz");
    try (OutputStream out = Files.newOutputStream(pprof)) {
      PprofWriter.write(byLatency.project(table.rows(), ProfileInfo.none()), out);
    }
    GoPprof.Top top = GoPprof.top(pprof, 50);
    System.out.println(top.text());
    GoPprof.Row writeAll = top.byName().get("write_all");
    assertTrue(writeAll != null, "write_all in go tool pprof -top:\n" + top.text());
    assertTrue(top.text().contains("Type: duration"), top.text());
    assertEquals(top.byName().get("flush_log").cum(), writeAll.cum(),
        "all of flush_log's latency is write_all's: " + top.text());
    String peek = GoPprof.run(pprof, "-peek", "write_all");
    assertTrue(peek.contains("flush_log") && peek.contains("write"), peek);
  }

  @Test
  void samplingKeepsExactTotals() throws Exception {
    Path exe = build(dir);
    Map<String, long[]> off = totals(trace(StackPolicy.OFF, exe, dir.resolve("a")));
    List<Call> sampled = trace(StackPolicy.parse("sample:10"), exe, dir.resolve("b"));
    Map<String, long[]> on = totals(sampled);
    assertEquals(render(off), render(on), "counts and bytes per syscall");
    long withStack = sampled.stream().filter(c -> c.stack() != CallStack.NOT_TAKEN).count();
    assertTrue(withStack > 0 && withStack <= sampled.size() / 10 + 2,
        withStack + " stacks of " + sampled.size() + " calls");
  }

  private static Map<String, long[]> totals(List<Call> calls) {
    Map<String, long[]> t = new TreeMap<>();
    for (Call c : calls) {
      long[] v = t.computeIfAbsent(c.syscall(), k -> new long[2]);
      v[0]++;
      v[1] += c.bytes();
    }
    return t;
  }

  private static String render(Map<String, long[]> t) {
    StringBuilder b = new StringBuilder();
    t.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append(' ').append(v[1]).append('\n'));
    return b.toString();
  }

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }
}
