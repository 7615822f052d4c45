// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.LayoutFile;
import dev.ior.zeekspy.testing.FixtureProcess;
import dev.ior.zeekspy.testing.FixtureScenarios;
import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import dev.ior.zeekspy.testing.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: zeekspy samples the Zeek 3.0, 3.1 and 4 stand-ins in both read modes, with built-in
 * layouts (no debug info) or offsets from their DWARF (in the executable, in a separate debug file,
 * with libc++, with members in another order), and must report their stacks, files, lines and
 * time shares.
 */
class FixtureSamplingTest {
  private static final double TOLERANCE = 0.07;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"ZEEK30, READV, 3.0.1, zeek-3.0-gcc-x86_64, call_stack",
      "ZEEK31_NAMESPACED, READV, 3.1.2, zeek-3.1-gcc-x86_64, _ZN4zeek6detail10call_stackE",
      "ZEEK30, PTRACE, 3.0.1, zeek-3.0-gcc-x86_64, call_stack",
      "ZEEK31_NAMESPACED, PTRACE, 3.1.2, zeek-3.1-gcc-x86_64, _ZN4zeek6detail10call_stackE",
      "ZEEK30_DWARF, READV, 3.0.1, zeek-3.0.1-dwarf-x86_64, call_stack",
      "ZEEK30_REORDERED_DWARF, READV, 3.0.1, zeek-3.0.1-dwarf-x86_64, call_stack",
      "ZEEK40_DWARF, READV, 4.0.0, zeek-4.0.0-dwarf-x86_64, _ZN4zeek6detail10call_stackE",
      "ZEEK30_LIBCXX_DWARF, READV, 3.0.1, zeek-3.0.1-dwarf-x86_64, call_stack",
      "ZEEK30_DEBUGLINK, PTRACE, 3.0.1, zeek-3.0.1-dwarf-x86_64, call_stack"})
  void reportsKnownStacksAndShares(Variant variant, ReadMode mode, String version, String layout,
      String symbol) throws Exception {
    Path exe = Fixtures.build(variant);
    try (FixtureProcess fixture = FixtureProcess.start(exe, "cycle")) {
      ZeekSpyConfig config = ZeekSpyConfig.of(fixture.pid()).withHz(250).withMode(mode);
      SamplingResult r;
      try (ZeekSpy spy = open(config)) {
        assertEquals(version, spy.target().version());
        assertEquals(layout, spy.target().layout().name());
        assertEquals(symbol, spy.target().callStackSymbol());
        assertTrue(spy.target().layoutNote().startsWith(layout.contains("dwarf")
            ? "layout derived from the DWARF of " + exe
            : "no DWARF debug info for " + exe), spy.target().layoutNote());
        start(spy);
        spy.awaitEnd(Duration.ofSeconds(4));
        r = spy.stop();
      }
      System.out.println(variant + " " + mode + ": " + r.stats().format());
      assertTrue(r.endedBy().isEmpty(), () -> "ended by " + r.endedBy());
      // 4 s at 250 Hz is 1,000 ticks, each sampled or skipped (a loaded machine skips ticks its
      // sampler was not scheduled for); a fifth sampled is the floor at load 10 on 2 cores.
      long ticks = r.stats().samples() + r.stats().skipped();
      assertTrue(ticks >= 900 && r.stats().samples() >= ticks / 5, r.stats().format());
      assertTrue(r.stats().torn() < r.stats().samples() / 50, r.stats().format());
      assertShares(FixtureScenarios.shares(r.profile()));
      assertTrue(fixture.alive(), "the fixture must survive sampling");
      assertTrue(!state(fixture.pid()).equals("t"), "the fixture must not be left stopped");
    }
  }

  /** The hand-written layout of Zeek 3.0 on a build with other member offsets: no right stack. */
  @Test
  void theHandLayoutMisreadsAReorderedBuild() throws Exception {
    Path layout = Files.writeString(Files.createTempFile("zeek-3.0", ".layout"), LayoutFile.format(
        LayoutCatalog.builtIn().layouts().get(0), List.of()));
    try (FixtureProcess fixture = FixtureProcess.start(
        Fixtures.build(Variant.ZEEK30_REORDERED_DWARF), "cycle");
        ZeekSpy spy = open(ZeekSpyConfig.of(fixture.pid()).withHz(250).withLayoutFile(layout))) {
      assertEquals("zeek-3.0-gcc-x86_64", spy.target().layout().name());
      start(spy);
      spy.awaitEnd(Duration.ofSeconds(1));
      SamplingResult r = spy.stop();
      Map<List<Frame>, Double> shares = FixtureScenarios.shares(r.profile());
      double right = 0;
      for (Map.Entry<List<Frame>, Double> e : FixtureScenarios.EXPECTED.entrySet()) {
        if (!e.getKey().equals(List.of(dev.ior.zeekspy.profile.ProfileBuilder.EMPTY_STACK))) {
          right += shares.getOrDefault(e.getKey(), 0.0);
        }
      }
      assertEquals(0.0, right, "no stack may come out right: " + r.stats().format() + " "
          + shares);
    } finally {
      Files.deleteIfExists(layout);
    }
  }

  static void assertShares(Map<List<Frame>, Double> actual) {
    double unexpected = 0;
    for (Map.Entry<List<Frame>, Double> e : actual.entrySet()) {
      if (!FixtureScenarios.EXPECTED.containsKey(e.getKey())) {
        unexpected += e.getValue();
        System.out.println("unexpected stack " + e.getKey() + " share " + e.getValue());
      }
    }
    assertTrue(unexpected < 0.02, "share of unexpected stacks " + unexpected);
    for (Map.Entry<List<Frame>, Double> e : FixtureScenarios.EXPECTED.entrySet()) {
      double got = actual.getOrDefault(e.getKey(), 0.0);
      assertEquals(e.getValue(), got, TOLERANCE, "share of " + e.getKey() + " in " + actual);
    }
  }

  /** Opens the spy, skipping (or failing under IOR_REQUIRE_BPF=1) without permission. */
  static ZeekSpy open(ZeekSpyConfig config) {
    try {
      return ZeekSpy.open(config);
    } catch (ZeekSpyException e) {
      if (e.reason() == ZeekSpyException.Reason.PERMISSION_DENIED) {
        Gate.privilegeMissing(e.getMessage());
      }
      throw e;
    }
  }

  static void start(ZeekSpy spy) {
    try {
      spy.start();
    } catch (ZeekSpyException e) {
      if (e.reason() == ZeekSpyException.Reason.PERMISSION_DENIED) {
        Gate.privilegeMissing(e.getMessage());
      }
      throw e;
    }
  }

  static String state(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }
}
