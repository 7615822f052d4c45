// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.zeekspy.testing.FixtureProcess;
import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import dev.ior.zeekspy.testing.Gate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code go tool pprof} reads what zeekspy writes and shows the fixture's functions. */
class GoToolPprofTest {
  @TempDir Path tmp;

  @Test
  void goToolPprofShowsTheFixturesFunctionsAndLines() throws Exception {
    Path file = tmp.resolve("zeek.pb.gz");
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.ZEEK30), "cycle");
        ZeekSpy spy = FixtureSamplingTest.open(ZeekSpyConfig.of(p.pid()).withHz(200))) {
      spy.start();
      spy.awaitEnd(Duration.ofMillis(1500));
      try (OutputStream out = Files.newOutputStream(file)) {
        PprofWriter.write(spy.stop().profile(), out);
      }
    }
    String top = pprof(file, "-top", "-sample_index=samples");
    for (String f : List.of("connection_state_remove", "http_request", "HTTP::set_state",
        "HTTP::new_http_session", "dns_request", "Log::write", "Log::__write",
        "(empty_call_stack)")) {
      assertTrue(top.contains(f), f + " missing in\n" + top);
    }
    assertTrue(top.contains("Type: samples"), top);
    String lines = pprof(file, "-top", "-lines");
    assertTrue(lines.contains("HTTP::new_http_session base/protocols/http/main.zeek:158"), lines);
    assertTrue(lines.contains("connection_state_remove base/protocols/conn/main.zeek:290"), lines);
  }

  private static String pprof(Path file, String... flags) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("go", "tool", "pprof", "-symbolize=none"));
    cmd.addAll(List.of(flags));
    cmd.add(file.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putIfAbsent("HOME", System.getProperty("java.io.tmpdir"));
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      Gate.toolMissing("go is not installed (Debian package golang-go): " + e.getMessage());
      throw e;
    }
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, proc.exitValue(), out);
    return out;
  }
}
