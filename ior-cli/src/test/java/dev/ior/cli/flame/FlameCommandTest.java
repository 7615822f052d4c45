// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.cli.testing.IorRun.Result;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline flame-graph commands, run in-process: no root, no kernel. */
class FlameCommandTest {
  @TempDir Path dir;

  @Test
  void helpListsTheFlameGraphFlagsAndSaysWhatIorsPprofWas() {
    Result r = IorRun.run("--help");
    assertEquals(0, r.code());
    for (String flag : List.of("-flamegraph", "-pprof", "-name", "-ior", "-fields", "-count",
        "-flamegraphTool", "-from-pprof", "-diff", "collapsed")) {
      assertTrue(r.out().contains(flag), flag + " in help:\n" + r.out());
    }
    assertTrue(r.out().replaceAll("\\s+", " ").contains("original ior's -pprof profiled ior"
        + " itself"), r.out());
  }

  @Test
  void reprojectsADataFileWithIorsFieldsAndCount() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    Result r = IorRun.run("-ior", ior.toString(), "-fields", "pid,path,tracepoint",
        "-count", "duration");
    assertEquals(0, r.code(), r.err());
    Path base = dir.resolve("run-pid-path-tracepoint-by-duration");
    assertEquals("10;/db;/t1;pread64 3000\n10;/db;/t1;pwrite64 10000\n"
        + "20;/etc;/hosts;openat 7000\n10;/db;/t2;fsync 90000\n",
        Files.readString(Path.of(base + ".collapsed")));
    String svg = Files.readString(Path.of(base + ".svg"));
    assertTrue(svg.contains("I/O Traces (pid,path,tracepoint by duration)"), svg);
    assertTrue(svg.contains("testhost, 3.0 s from 2025-11-26 07:05:00 UTC; nothing lost"), svg);
    assertTrue(r.err().contains("total 110,000 ns"), r.err());
    assertNoTempFiles();
  }

  @Test
  void unknownFieldOrCountIsAUsageErrorListingTheValidNames() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    Result f = IorRun.run("-ior", ior.toString(), "-fields", "pid,file");
    assertEquals(2, f.code(), f.err());
    assertTrue(f.err().contains("unknown field 'file': valid fields are path, comm, thread,"
        + " tracepoint, pid, tid, flags"), f.err());
    Result c = IorRun.run("-flamegraph", "-count", "latency");
    assertEquals(2, c.code(), c.err());
    assertTrue(c.err().contains("valid counts are count, duration, durationToPrev, bytes"),
        c.err());
    assertFalse(c.err().contains("\tat "), c.err());
    Result two = IorRun.run("-ior", ior.toString(), "-from-pprof", ior.toString());
    assertEquals(2, two.code(), two.err());
    assertTrue(two.err().startsWith("ior: -ior=FILE, -from-pprof=FILE are mutually exclusive"),
        two.err());
  }

  @Test
  void collapsedSubcommandEscapesBidiControlsForATerminal() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("bidi.ior"), List.of(new AggregateRow(
        "/d/invoice\u202efdp.exe", "read", "x", 1, 1, 0, 1, 10, 0, 0)));
    for (boolean terminal : new boolean[] {false, true}) {
      CollapsedCommand c = new CollapsedCommand();
      c.terminal = terminal;
      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(c);
      cl.setOut(new PrintWriter(out));
      assertEquals(0, cl.execute("-fields", "path", ior.toString()));
      assertEquals(terminal ? "/d;/invoice\\u202efdp.exe 1\n" : "/d;/invoice\u202efdp.exe 1\n",
          out.toString());
    }
  }

  @Test
  void collapsedSubcommandPrintsFoldedStacks() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    Result r = IorRun.run("collapsed", "-fields", "comm,tracepoint", "-count", "bytes",
        ior.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("postgres;pread64 300\npostgres;pwrite64 500\n", r.out());
    Result d = IorRun.run("collapsed", ior.toString());
    assertEquals("postgres;/db;/t1;pread64 3\npostgres;/db;/t1;pwrite64 5\n"
        + "curl;/etc;/hosts;openat 1\npostgres;/db;/t2;fsync 9\n", d.out());
  }

  @Test
  void pprofOfADataFileRendersBackToTheSameStacks() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    String name = dir.resolve("p").toString();
    Result r = IorRun.run("-ior", ior.toString(), "-flamegraph", "-pprof", "-name", name,
        "-fields", "comm,tracepoint");
    assertEquals(0, r.code(), r.err());
    StackProfile p = PprofReader.read(Path.of(name + ".pb.gz"));
    assertEquals("count", p.defaultSampleType());
    assertEquals(18, p.total(p.indexOf("count")));
    assertEquals(110_000, p.total(p.indexOf("duration")));
    assertEquals("nanoseconds", p.sampleTypes().get(p.indexOf("durationToPrev")).unit());
    assertEquals(800, p.total(p.indexOf("bytes")));
    assertTrue(p.samples().stream().allMatch(s -> s.labels().containsKey("pid")
        && s.labels().containsKey("tid") && !s.labels().containsKey("comm")), p.samples()
        .toString());

    String rendered = dir.resolve("r").toString();
    Result back = IorRun.run("-from-pprof", name + ".pb.gz", "-name", rendered);
    assertEquals(0, back.code(), back.err());
    assertEquals(Files.readString(Path.of(name + ".collapsed")),
        Files.readString(Path.of(rendered + ".collapsed")));
    assertTrue(Files.size(Path.of(rendered + ".svg")) > 1000);
  }

  @Test
  void diffOfTwoDataFilesShowsWhatGrewAndShrank() throws IOException {
    Path before = FlameFixture.write(dir.resolve("before.ior"), FlameFixture.rows());
    Path after = FlameFixture.write(dir.resolve("after.ior"), List.of(
        FlameFixture.rows().get(0),
        new dev.ior.core.aggregate.AggregateRow("/db/t2", "fsync", "postgres", 10, 11, 02, 20,
            200000, 9, 0)));
    Result r = IorRun.run("-diff", before.toString(), after.toString(), "-fields",
        "comm,tracepoint");
    assertEquals(0, r.code(), r.err());
    assertEquals("curl;openat 1 0\npostgres;fsync 9 20\npostgres;pread64 3 3\n"
            + "postgres;pwrite64 5 0\n",
        Files.readString(dir.resolve("after-diff.difffolded")));
    String svg = Files.readString(dir.resolve("after-diff.svg"));
    assertTrue(svg.contains("was 9, +11"), "fsync grew from 9 to 20");
  }

  @Test
  void externalToolRendersTheSvgFromTheCollapsedFile() throws IOException {
    Path ior = FlameFixture.write(dir.resolve("run.ior"), FlameFixture.rows());
    String name = dir.resolve("t").toString();
    Result r = IorRun.run("-ior", ior.toString(), "-name", name, "-flamegraphTool", "cat");
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readString(Path.of(name + ".collapsed")),
        Files.readString(Path.of(name + ".svg")), "cat FILE.collapsed > FILE.svg");
    Result bad = IorRun.run("-ior", ior.toString(), "-name", name, "-flamegraphTool",
        "false");
    assertEquals(1, bad.code(), bad.err());
    assertTrue(bad.err().contains("false " + name + ".collapsed exited with 1"), bad.err());
    assertNoTempFiles();
  }

  @Test
  void notADataFileIsOneLine() throws IOException {
    Path text = Files.writeString(dir.resolve("x.ior"), "hello");
    Result r = IorRun.run("-ior", text.toString());
    assertEquals(1, r.code());
    assertEquals("ior: " + text + ": not an .ior data file (no IORDATA magic)\n", r.err());
  }

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
