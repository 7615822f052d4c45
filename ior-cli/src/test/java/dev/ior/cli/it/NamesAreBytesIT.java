// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.GoPprofTool;
import dev.ior.cli.testing.OddNameChecks;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.testdata.OddNames;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are bytes, on the real kernel: testdata's oddnames renames itself to a comm with bytes
 * that are not UTF-8 and writes files named with 0xff/0xfe, a line feed, a {@code ;}, a trailing
 * {@code " 2024"} and a backslash. bin/ior traces it as JSON while recording; the recording is
 * replayed as CSV and into the flame-graph files. Python's json and csv modules, flamegraph.pl,
 * go tool pprof and our readers must each get every name back exactly and apart (case r09).
 */
class NamesAreBytesIT {
  static final String TPS = "^sys_enter_(openat|write|close)$";

  @TempDir Path work;
  @TempDir Path out;

  @BeforeEach
  void requireBpf() {
    Requirements.requireBpf();
  }

  @Test
  void oddNamesSurviveEveryOutputOfARealTrace() throws Exception {
    Path rec = out.resolve("odd.iorrec");
    CliProcess live = new CliProcess("ior", "-comm", OddNames.COMM, "-tps", TPS, "-format",
        "json", "-duration", "0", "-record", rec.toString());
    live.awaitErr("Ctrl+C to stop", 60);
    Process p = new ProcessBuilder(OddNames.binary().toString(), work.toString()).inheritIO()
        .start();
    assertEquals(0, p.waitFor(), "oddnames");
    Thread.sleep(300);
    live.signal("INT");
    assertEquals(130, live.waitFor(60), live.err());
    String dir = work.toString();
    Path json = Files.writeString(out.resolve("live.json"), live.out());
    OddNameChecks.assertStreamReadByPython("json", json, dir);

    CliProcess csv = new CliProcess("ior", "-replay", rec.toString(), "-plain");
    assertEquals(0, csv.waitFor(60), csv.err());
    OddNameChecks.assertStreamReadByPython("csv", Files.writeString(out.resolve("r.csv"),
        csv.out()), dir);

    String base = out.resolve("fg").toString();
    CliProcess flame = new CliProcess("ior", "-replay", rec.toString(), "-flamegraph", "-pprof",
        "-name", base);
    assertEquals(0, flame.waitFor(60), flame.err());
    OddNameChecks.assertRows(IorFileReader.read(Path.of(base + ".ior")).rows(), dir);
    // As r09 runs it: ior collapsed ... | flamegraph.pl
    CliProcess folded = new CliProcess("ior", "collapsed", "-fields", "comm,path", "-count",
        "bytes", base + ".ior");
    assertEquals(0, folded.waitFor(60), folded.err());
    OddNameChecks.assertFolded(Files.writeString(out.resolve("cp.folded"), folded.out()));
    String top = GoPprofTool.run(Path.of(base + ".pb.gz"), "-top",
        "-nodecount=200", "-sample_index=bytes");
    assertTrue(top.contains("/x\\xff") && top.contains("/x\\xfe"), top);
    assertFalse(live.err().contains("Exception"), live.err());
  }
}
