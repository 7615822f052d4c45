// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.LayoutFile;
import dev.ior.zeekspy.layout.ZeekLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The zeekspy command line: flags, help, errors and a real run against the Zeek stand-in. */
class ZeekSpyCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = ZeekSpyMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsZeekSpyFlagsAndExamples() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String flag : new String[] {"-pid", "-hz", "-profile", "-stats", "-debug", "-mode",
        "-layout", "-dump-layout", "-duration", "-flamegraph"}) {
      assertTrue(r.out().contains(flag), flag + " missing:\n" + r.out());
    }
    assertTrue(r.out().contains("Examples:"), r.out());
    assertTrue(r.out().contains("sudo zeekspy -pid"), r.out());
  }

  @Test
  void usageErrorsExitWithTwo() {
    Run noPid = run("-hz", "10");
    assertEquals(2, noPid.code());
    assertTrue(noPid.err().contains("-pid PID is required"), noPid.err());
    Run badHz = run("-pid", "1", "-hz", "0");
    assertEquals(2, badHz.code());
    assertTrue(badHz.err().contains("-hz must be 1..10000"), badHz.err());
    Run badStats = run("-pid", "1", "-stats", "five");
    assertEquals(2, badStats.code());
    assertTrue(badStats.err().contains("use e.g. 5s, 250ms"), badStats.err());
    Run badMode = run("-pid", "1", "-mode", "peek");
    assertEquals(2, badMode.code());
    assertTrue(badMode.err().contains("readv or ptrace"), badMode.err());
  }

  @Test
  void durationsAsZeekSpyWroteThem() {
    GoDurationConverter c = new GoDurationConverter();
    assertEquals(Duration.ofSeconds(5), c.convert("5s"));
    assertEquals(Duration.ofMillis(250), c.convert("250ms"));
    assertEquals(Duration.ofSeconds(90), c.convert("1m30s"));
    assertEquals(Duration.ofMinutes(90), c.convert("1.5h"));
    assertEquals(Duration.ofSeconds(7), c.convert("7"));
    assertEquals(Duration.ZERO, c.convert("0"));
  }

  @Test
  void listsBuiltInLayouts() {
    Run r = run("-layouts");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("zeek-3.0-gcc-x86_64") && r.out().contains("zeek-3.1-gcc-x86_64"),
        r.out());
  }

  @Test
  void noSuchProcessExitsWithOne() {
    long pid = 4_000_000;
    while (ProcessHandle.of(pid).isPresent()) {
      pid--;
    }
    Run r = run("-pid", Long.toString(pid), "-profile", tmp.resolve("x.pb.gz").toString());
    assertEquals(1, r.code());
    assertEquals("zeekspy: no such process: " + pid, r.err().strip());
    assertTrue(Files.notExists(tmp.resolve("x.pb.gz")));
  }

  @Test
  void samplesTheStandInAndWritesProfileAndFlameGraph() throws Exception {
    Path pb = tmp.resolve("zeek.pb.gz");
    Path svg = tmp.resolve("zeek.svg");
    try (CliFixture f = CliFixture.start("cycle")) {
      Run r = run("-pid", Long.toString(f.pid()), "-hz", "200", "-duration", "1500ms",
          "-stats", "500ms", "-debug", "-profile", pb.toString(), "-flamegraph", svg.toString());
      skipWithoutPermission(r);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("sampling pid " + f.pid() + " (Zeek 3.0.1, layout"
          + " zeek-3.0-gcc-x86_64) at 200 Hz, mode readv for 1.5s"), r.err());
      assertTrue(r.err().contains("zeekspy: debug: call_stack at 0x"), r.err());
      long statsLines = r.err().lines().filter(l -> l.matches(
          "zeekspy: samples=\\d+ empty=\\d+ torn=\\d+ skipped=\\d+ rate=[\\d.]+/s"
              + " sampling=[\\d.]+% of wall .*\\| total samples=\\d+")).count();
      assertTrue(statsLines >= 2, r.err());
      assertTrue(r.err().contains("zeekspy: wrote " + pb), r.err());
      StackProfile p = PprofReader.read(pb);
      // 200 Hz for 1.5 s is 300 ticks. A loaded 2-core machine (load 10) skips ticks when the
      // sampler's thread is not scheduled; proportional sampling must still take a good share
      // of them, and never more than the ticks there were.
      long nominal = 300;
      long samples = p.total(0);
      System.out.println("zeekspy samples: " + samples + " of " + nominal + " ticks");
      assertTrue(samples >= nominal / 5 && samples <= nominal + nominal / 10,
          "samples: " + samples + " of " + nominal + " ticks");
      String functions = p.samples().stream().flatMap(s -> s.stack().stream())
          .map(Frame::name).distinct().sorted().collect(Collectors.joining(","));
      assertTrue(functions.contains("HTTP::new_http_session"), functions);
      assertTrue(Files.readString(svg).contains("HTTP::new_http_session"));
    }
  }

  @Test
  void dumpLayoutPrintsALayoutFileAndSaysWhereItCameFrom() throws Exception {
    try (CliFixture f = CliFixture.start("cycle")) {
      Run r = run("-pid", Long.toString(f.pid()), "-dump-layout");
      skipWithoutPermission(r);
      assertEquals(0, r.code(), r.err());
      // The stand-in is built without -g: the built-in layout, and a note saying why.
      assertTrue(r.err().contains("zeekspy: note: no DWARF debug info for "), r.err());
      assertTrue(r.err().contains("using the built-in layout zeek-3.0-gcc-x86_64 for Zeek 3.0.1"),
          r.err());
      ZeekLayout dumped = LayoutFile.parse(r.out(), "dump");
      assertEquals(LayoutCatalog.builtIn().layouts().get(0), dumped);
      assertTrue(r.out().startsWith("# zeekspy -dump-layout -pid " + f.pid()), r.out());
    }
  }

  @Test
  void targetExitingMidRunStillWritesTheProfile() throws Exception {
    Path pb = tmp.resolve("exit.pb.gz");
    try (CliFixture f = CliFixture.start("-exit-after", "1000", "cycle")) {
      Run r = run("-pid", Long.toString(f.pid()), "-mode", "ptrace", "-stats", "0",
          "-duration", "20s", "-profile", pb.toString());
      skipWithoutPermission(r);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.err().contains("process " + f.pid() + " exited; the profile covers"), r.err());
      long samples = PprofReader.read(pb).samples().stream().mapToLong(s -> s.value(0)).sum();
      assertTrue(samples > 50, "samples " + samples);
    }
  }

  private static void skipWithoutPermission(Run r) {
    if (r.code() == 1 && r.err().contains("not permitted")) {
      CliFixture.skipOrFail("IOR_REQUIRE_BPF", r.err().strip());
    }
  }
}
