// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.testing.ExternalTool;
import dev.ior.testing.GoPprof;
import dev.ior.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every profile we write is read by the real {@code go tool pprof} (Debian golang-go), and its
 * totals and top entries are checked; pprof's own re-encoding and a Go CPU profile are read back
 * by our reader. Skips without {@code go} unless IOR_REQUIRE_TOOLS=1.
 */
class GoToolPprofTest {
  @TempDir Path dir;

  private Path write(StackProfile p, String name) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      PprofWriter.write(p, out);
    }
    return file;
  }

  @Test
  void pprofReadsTotalsTopEntriesAndDefaultType() throws IOException {
    Path file = write(PprofWriterTest.sample(), "sample.pb.gz");
    GoPprof.Top count = GoPprof.top(file, 10, "-sample_index=count");
    assertEquals("12", count.total());
    assertEquals(new GoPprof.Row("10", "10", "read"), count.rows().get(0));
    assertEquals("7", count.byName().get("cat").cum());
    assertEquals("4", count.byName().get("bash").cum());
    assertTrue(count.text().contains("Type: count"));

    GoPprof.Top duration = GoPprof.top(file, 10); // the default sample type
    assertTrue(duration.text().contains("Type: duration"), duration.text());
    assertEquals("3609ns", duration.total());
    assertEquals(new GoPprof.Row("3100ns", "3100ns", "read"), duration.rows().get(0));
    assertTrue(duration.text().contains("host=earth"));
    assertTrue(duration.text().contains("Duration: 5s"));
  }

  @Test
  void pprofSeesStringLabelsAndSourceLines() throws IOException {
    Path file = write(PprofWriterTest.sample(), "sample.pb.gz");
    String tags = GoPprof.run(file, "-tags", "-sample_index=count");
    assertTrue(tags.matches("(?s).*pid: Total 4(\\.0)?\\s.*"), tags);
    assertTrue(tags.matches("(?s).*4(\\.0)? \\(\\s*100%\\): 42.*"), tags);
    GoPprof.Top focused = GoPprof.top(file, 10, "-sample_index=count", "-tagfocus=pid=^42$");
    assertEquals("3", focused.byName().get("read").flat());
    String traces = GoPprof.run(file, "-traces", "-lines");
    assertTrue(traces.contains("Conn::log conn/main.zeek:212"), traces);
  }

  @Test
  void realFileTotalsAgreeWithPprof() throws IOException {
    StackProfile p;
    try (InputStream in = TestData.open(TestData.require(TestData.EARTH))) {
      p = CollapsedReader.read(in, CollapsedOptions.defaults()).profile();
    }
    Path file = write(p, "earth.pb.gz");
    GoPprof.Top top = GoPprof.top(file, 5);
    assertEquals("966341", top.total());
    // The busiest leaf is the lseek under pid 627433's python .pyc reads (see -traces).
    assertEquals(top.rows().get(0).flat(), Long.toString(maxLeaf(p)), top.text());
    assertEquals(p.samples().size(), PprofReader.read(file).samples().size());
  }

  @Test
  void readsPprofsOwnEncodingAndAGoCpuProfile() throws IOException {
    Path ours = write(PprofWriterTest.sample(), "sample.pb.gz");
    Path reencoded = dir.resolve("reencoded.pb.gz");
    GoPprof.run(ours, "-proto", "-output=" + reencoded);
    StackProfile back = PprofReader.read(reencoded);
    assertEquals(3609, back.total(back.indexOf("duration")));
    assertEquals(PprofWriterTest.sample().samples().size(), back.samples().size());

    StackProfile cpu = PprofReader.read(goCpuProfile());
    assertEquals(List.of("samples", "cpu"), cpu.sampleTypes().stream().map(t -> t.type()).toList());
    assertTrue(cpu.total(0) > 0, "the busy loop was sampled");
    assertTrue(cpu.samples().stream().anyMatch(s -> s.stack().stream()
        .anyMatch(f -> f.name().equals("main.spin") && f.file().endsWith("spin.go"))));
  }

  /** Builds and runs a tiny Go program that spins for 300 ms under the CPU profiler. */
  private Path goCpuProfile() throws IOException {
    Path go = ExternalTool.require("building a Go CPU profile", "go");
    Path src = dir.resolve("spin.go");
    Files.writeString(src, String.join("\n",
        "package main",
        "import (\"os\"; \"runtime/pprof\"; \"time\")",
        "var sink int",
        "func spin(d time.Duration) {",
        "  for end := time.Now().Add(d); time.Now().Before(end); { sink++ }",
        "}",
        "func main() {",
        "  f, _ := os.Create(os.Args[1])",
        "  pprof.StartCPUProfile(f)",
        "  spin(300 * time.Millisecond)",
        "  pprof.StopCPUProfile()",
        "  f.Close()",
        "}", ""));
    Path out = dir.resolve("cpu.pb.gz");
    ExternalTool.Run r = ExternalTool.run(300, List.of(go.toString(), "run", src.toString(),
        out.toString()));
    assertEquals(0, r.exitCode(), r.stderr());
    return out;
  }

  private static long maxLeaf(StackProfile p) {
    Map<String, Long> byLeaf = new java.util.HashMap<>();
    p.samples().forEach(s -> byLeaf.merge(
        s.stack().isEmpty() ? "" : s.stack().get(s.stack().size() - 1).name(), s.value(0),
        Long::sum));
    return byLeaf.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
