// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun.Result;
import dev.ior.cli.testing.IorRun;
import dev.ior.core.TracePipeline;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.projection.Projection;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and foreign inputs, impossible outputs and conflicting flags, as a hostile but fair
 * user gives them: each ends with one line that names the file or flag, the documented exit
 * code, and no stack trace, Java exception text, "null" or temporary name.
 */
class HostileInputTest {
  @TempDir Path dir;

  private static Result assertRefused(int code, String text, String... args) {
    Result r = IorRun.run(args);
    assertEquals(code, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(text), String.join(" ", args) + ": expected '" + text + "' in "
        + r.err());
    assertClean(r.err());
    return r;
  }

  static void assertClean(String err) {
    for (String bad : new String[] {"\tat ", "Exception", "null", ".tmp", "Protocol message",
        "ZLIB", "internal error"}) {
      assertFalse(err.contains(bad), "'" + bad + "' in: " + err);
    }
  }

  private Path ior() throws IOException {
    return FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
  }

  private Path variant(Path good, String name, java.util.function.UnaryOperator<byte[]> change)
      throws IOException {
    return Files.write(dir.resolve(name), change.apply(Files.readAllBytes(good)));
  }

  @Test
  void damagedDataFilesAreRefusedNeverReadAsOtherNumbers() throws IOException {
    Path good = ior();
    Path flipped = variant(good, "flipped.ior", b -> {
      b[b.length / 2] ^= 0x10;
      return b;
    });
    assertRefused(1, "flipped.ior: damaged", "-ior", flipped.toString(), "-name",
        dir.resolve("o").toString());
    Path cut = variant(good, "cut.ior", b -> Arrays.copyOf(b, b.length - 3));
    assertRefused(1, "cut.ior: cut short", "-ior", cut.toString());
    Path trailing = variant(good, "trailing.ior", b -> Arrays.copyOf(b, b.length + 4));
    assertRefused(1, "trailing.ior: damaged: unexpected data after the end",
        "collapsed", trailing.toString());
    assertRefused(1, "flipped.ior: damaged", "-diff", flipped.toString(), good.toString(),
        "-name", dir.resolve("d").toString());
    assertFalse(Files.exists(dir.resolve("o.svg")) || Files.exists(dir.resolve("d.svg")));
  }

  @Test
  void foreignFilesAreRefusedByName() throws IOException {
    Path png = Files.write(dir.resolve("x.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r',
        '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    Path good = ior();
    assertRefused(1, "x.png: line 3 holds a NUL byte: binary data, not folded stacks", "-diff",
        png.toString(), good.toString(), "-name", dir.resolve("d").toString());
    assertFalse(Files.exists(dir.resolve("d.svg")), "no graph from an image");
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello\nworld\n");
    assertRefused(1, "notes.txt: not folded stacks", "-diff", text.toString(), good.toString(),
        "-name", dir.resolve("d").toString());
    assertRefused(1, "notes.txt: not folded stacks", "-from-pprof", text.toString(), "-name",
        dir.resolve("p").toString());
    assertRefused(1, "notes.txt: not an .ior data file", "collapsed", text.toString());
    Path pb = dir.resolve("p.pb.gz");
    assertEquals(0, IorRun.run("-ior", good.toString(), "-pprof", "-name",
        dir.resolve("p").toString()).code());
    Path bad = variant(pb, "bad.pb.gz", b -> {
      b[b.length - 6] ^= 1; // the gzip CRC-32
      return b;
    });
    assertRefused(1, "bad.pb.gz: damaged: its gzip CRC-32 does not match", "-from-pprof",
        bad.toString(), "-name", dir.resolve("q").toString());
  }

  @Test
  void countsPastTheRangeOfALongAreRefusedNotWrapped() throws IOException {
    Path a = Files.writeString(dir.resolve("a.collapsed"),
        "x;y 999999999999999999\n".repeat(10));
    assertRefused(1, "a.collapsed: line 10: the counts add up past", "-diff", a.toString(),
        a.toString(), "-name", dir.resolve("d").toString());
  }

  @Test
  void missingInputsSayTheyAreMissing() throws IOException {
    String nope = dir.resolve("nope.ior").toString();
    assertRefused(2, nope + ": no such file", "-ior", nope);
    assertRefused(2, nope + ": no such file", "collapsed", nope);
    assertRefused(2, nope + ": no such file", "-diff", ior().toString(), nope);
    assertRefused(2, nope + ": no such file", "-from-pprof", nope);
    assertRefused(2, nope + ": no such file", "-replay", nope);
    assertRefused(2, dir + ": is a directory, not a file", "-ior", dir.toString());
  }

  @Test
  void outputsThatCannotBeCreatedAreRefusedBeforeAnyWork() throws IOException {
    Path good = ior();
    assertRefused(2, "cannot write /nonexistent/dir/o.svg: directory /nonexistent/dir does not"
        + " exist", "-ior", good.toString(), "-name", "/nonexistent/dir/o");
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertRefused(2, "is not a directory", "-from-pprof", good.toString(), "-name",
        file + "/o");
    Files.createDirectory(dir.resolve("o.svg"));
    assertRefused(2, "cannot write " + dir.resolve("o.svg") + ": it is a directory",
        "-ior", good.toString(), "-name", dir.resolve("o").toString());
  }

  @Test
  void conflictingAndMeaninglessFlagsAreRefused() throws IOException {
    String rec = dir.resolve("r.iorrec").toString();
    assertRefused(2, "-record applies to a live trace; -replay reads a recording", "-replay",
        rec, "-record", rec);
    assertRefused(2, "-plain, -format=ior|csv|json are mutually exclusive", "-plain", "-format",
        "json");
    assertRefused(2, "-plain sets the format of the stream on stdout; -pprof writes files",
        "-pprof", "-plain");
    assertRefused(2, "-format sets the format of the stream; -tui shows a dashboard", "-tui",
        "-format", "csv");
    assertRefused(2, "-fields has no effect without -flamegraph", "-fields", "pid");
    assertRefused(2, "-count has no effect without", "-count", "bytes");
    assertRefused(2, "-name has no effect without", "-name", "x");
    assertRefused(2, "-name must not be empty", "-flamegraph", "-name", "");
    assertRefused(2, "-name " + dir + "/ is a directory", "-flamegraph", "-name", dir + "/");
    assertRefused(2, "-normalize has no effect without -diff", "-normalize");
    assertRefused(2, "-flamegraphTool has no effect without", "-pprof", "-flamegraphTool", "x");
    assertRefused(2, "-pprof has no effect with -diff", "-diff", "a", "b", "-pprof");
    assertRefused(2, "-comm applies to a trace; -ior converts a file", "-ior", "x", "-comm",
        "y");
    assertRefused(2, "-tps applies to a live trace; -replay reads a recording", "-replay", rec,
        "-tps", "read");
    assertRefused(2, "-tui applies to a live trace", "-replay", rec, "-tui");
    assertRefused(2, "-ior=FILE, -diff=FILE are mutually exclusive", "-ior", "x", "-diff", "a",
        "b");
  }

  @Test
  void numbersThatWrapAndTargetsThatDoNotExistAreRefused() {
    assertRefused(2, "'18014398509481988K' is too large for a size", "-mapSize",
        "18014398509481988K");
    assertRefused(2, "-pid 2147483646: no such process", "-pid", "2147483646");
    assertRefused(2, "-tid 2147483646: no such thread", "-tid", "2147483646");
    assertRefused(2, "is not an int", "-pid", "99999999999");
  }

  @Test
  void anOutputThatFailsAtTheEndIsNamedAndTheOthersAreWritten() throws Exception {
    String name = dir.resolve("run").toString();
    FlameOutput o = new FlameOutput(TraceConfig.builder().build(), Projection.defaults(), name,
        true, true, List.of(), Clock.systemUTC(), "earth", List.of("-flamegraph", "-pprof"));
    o.started();
    SyscallTable table = SyscallTable.standard();
    TracePipeline p = new TracePipeline(table, PairFilter.NONE, ProcFs.EMPTY, o.sink());
    SyntheticStream.encode(table, 10).feed(p);
    p.finish();
    Files.createDirectory(Path.of(name + ".svg")); // appeared while the trace ran
    StringWriter err = new StringWriter();
    assertEquals(1, o.finish(p.stats(), new PrintWriter(err)));
    assertTrue(err.toString().contains("ior: cannot write " + name + ".svg: "), err.toString());
    assertClean(err.toString());
    for (String ext : new String[] {".ior", ".collapsed", ".pb.gz"}) {
      assertTrue(Files.isRegularFile(Path.of(name + ext)), ext + " written: " + err);
    }
  }

  @Test
  void aCutRecordingReplaysWhatIsReadableAndADamagedOneIsRefused() throws IOException {
    Path whole = dir.resolve("whole.iorrec");
    try (RecordFileWriter rec = RecordFileWriter.create(whole, 0)) {
      SyntheticStream.encode(SyscallTable.standard(), 1500).forEach(rec); // several members
    }
    Path cut = variant(whole, "cut.iorrec", b -> Arrays.copyOf(b, b.length * 3 / 4));
    String name = dir.resolve("c").toString();
    Result r = assertRefused(1, "cut.iorrec is cut short after ", "-replay", cut.toString(),
        "-flamegraph", "-pprof", "-name", name);
    assertTrue(r.err().contains("syscalls paired:    at least "), r.err());
    for (String ext : new String[] {".ior", ".collapsed", ".svg", ".pb.gz"}) {
      assertTrue(Files.isRegularFile(Path.of(name + ext)), ext + " written: " + r.err());
    }
    Path flipped = variant(whole, "flipped.iorrec", b -> {
      b[b.length / 3] ^= 0x40;
      return b;
    });
    assertRefused(1, "flipped.iorrec: damaged", "-replay", flipped.toString(), "-plain");
    Path text = Files.writeString(dir.resolve("t.iorrec"), "not a recording");
    assertRefused(2, "t.iorrec: not an ior recording", "-replay", text.toString());
  }
}
