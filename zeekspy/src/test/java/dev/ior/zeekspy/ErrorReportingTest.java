// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.testing.MachineFeatures;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import dev.ior.zeekspy.testing.FixtureProcess;
import dev.ior.zeekspy.testing.Fixtures;
import dev.ior.zeekspy.testing.Fixtures.Variant;
import dev.ior.zeekspy.testing.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every failure the issue names produces a clear, specific error. */
class ErrorReportingTest {
  @TempDir Path tmp;

  @Test
  void noSuchProcess() {
    long pid = unusedPid();
    ZeekSpyException e = assertThrows(ZeekSpyException.class,
        () -> ZeekSpy.open(ZeekSpyConfig.of(pid)));
    assertEquals(Reason.NO_SUCH_PROCESS, e.reason());
    assertEquals("no such process: " + pid, e.getMessage());
  }

  @Test
  void strippedBinary() throws Exception {
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.STRIPPED), "cycle")) {
      ZeekSpyException e = expectFailure(p.pid(), Reason.SYMBOL_NOT_FOUND);
      assertTrue(e.getMessage().contains("defines none of [version]"), e.getMessage());
      assertTrue(e.getMessage().contains("stripped"), e.getMessage());
    }
  }

  @Test
  void wrongArchitecture() throws Exception {
    // The fixture must run to be attached to: an i386 ELF needs the kernel's IA-32 emulation.
    MachineFeatures.assumeIa32("wrongArchitecture (runs the i386 fixture)");
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.I386))) {
      ZeekSpyException e = expectFailure(p.pid(), Reason.WRONG_ARCHITECTURE);
      assertTrue(e.getMessage().contains("32-bit little-endian i386"), e.getMessage());
      assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
    }
  }

  @Test
  void unknownVersionAndTheLayoutOverride() throws Exception {
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.ZEEK30), "-v", "9.9.9",
        "cycle")) {
      ZeekSpyException e = expectFailure(p.pid(), Reason.UNKNOWN_VERSION);
      assertTrue(e.getMessage().contains("'9.9.9'") && e.getMessage().contains("-layout FILE")
          && e.getMessage().contains("zeek-3.0-gcc-x86_64"), e.getMessage());

      Path layout = tmp.resolve("zeek-9.9.layout");
      Files.writeString(layout, builtIn("zeek-3.0-gcc-x86_64.layout")
          .replace("versions = 3.0.*", "versions = 9.9.*").replace("name = zeek-3.0", "name = my"));
      try (ZeekSpy spy = FixtureSamplingTest.open(ZeekSpyConfig.of(p.pid()).withHz(200)
          .withLayoutFile(layout))) {
        assertEquals("my-gcc-x86_64", spy.target().layout().name());
        assertEquals("9.9.9", spy.target().version());
        spy.start();
        spy.awaitEnd(Duration.ofSeconds(2));
        SamplingResult r = spy.stop();
        FixtureSamplingTest.assertShares(dev.ior.zeekspy.testing.FixtureScenarios.shares(
            r.profile()));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ReadMode.class)
  void targetExitingMidRunStillYieldsTheProfile(ReadMode mode) throws Exception {
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.ZEEK30), "-exit-after",
        "1500", "cycle")) {
      try (ZeekSpy spy = FixtureSamplingTest.open(ZeekSpyConfig.of(p.pid()).withHz(200)
          .withMode(mode))) {
        FixtureSamplingTest.start(spy);
        assertTrue(spy.awaitEnd(Duration.ofSeconds(15)), "sampling must end when the target does");
        SamplingResult r = spy.stop();
        assertTrue(r.targetExited(), () -> "ended by " + r.endedBy());
        assertTrue(r.endedBy().orElseThrow().getMessage().contains("exited"));
        // Up to 300 ticks (200 Hz, 1.5 s), each sampled or skipped; what matters here is that the
        // samples taken before the exit are kept (a machine at load 30 samples only a tenth).
        assertTrue(r.profile().total(0) >= 10,
            "samples before the exit: " + r.stats().format());
        assertEquals(r.stats().samples(), r.profile().total(0));
      }
    }
  }

  @Test
  void secondTracerIsTold() throws Exception {
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.ZEEK30), "cycle");
        ZeekSpy first = FixtureSamplingTest.open(ZeekSpyConfig.of(p.pid())
            .withMode(ReadMode.PTRACE));
        ZeekSpy second = ZeekSpy.open(ZeekSpyConfig.of(p.pid()).withMode(ReadMode.PTRACE))) {
      FixtureSamplingTest.start(first);
      ZeekSpyException e = assertThrows(ZeekSpyException.class, second::start);
      assertEquals(Reason.ALREADY_TRACED, e.reason());
      assertTrue(e.getMessage().contains("already traced by process "
          + ProcessHandle.current().pid() + " (zeekspy-sample"), e.getMessage());
    }
  }

  @Test
  void unprivilegedUserIsNotPermitted() throws Exception {
    if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      System.out.println("SKIPPED: needs root and setpriv to run a probe as user nobody");
      org.junit.jupiter.api.Assumptions.abort("needs root and setpriv");
    }
    Path cp = publicClasspath();
    try (FixtureProcess p = FixtureProcess.start(Fixtures.build(Variant.ZEEK30), "cycle")) {
      List<String> cmd = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
          "--inh-caps=-all", javaBinary(), "-Djna.tmpdir=" + cp.resolve("jna"),
          "-cp", cp.resolve("*") + ":" + cp.resolve("test-classes") + ":"
              + cp.resolve("classes") + ":" + cp.resolve("flamegraph"),
          "dev.ior.zeekspy.testing.OpenProbe", Long.toString(p.pid()));
      Process probe = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
      assertTrue(out.contains("PERMISSION_DENIED: not permitted to read the memory of process "
          + p.pid()), out);
      assertTrue(out.contains("CAP_SYS_PTRACE"), out);
    }
  }

  private ZeekSpyException expectFailure(long pid, Reason reason) {
    ZeekSpyException e = assertThrows(ZeekSpyException.class,
        () -> ZeekSpy.open(ZeekSpyConfig.of(pid)));
    if (e.reason() == Reason.PERMISSION_DENIED) {
      Gate.privilegeMissing(e.getMessage());
    }
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  /** Copies the classes and jars this JVM runs with into a directory anyone may read. */
  private Path publicClasspath() throws IOException {
    Path dir = Files.createTempDirectory("zeekspy-cp");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jnaDir = Files.createDirectories(dir.resolve("jna"));
    Files.setPosixFilePermissions(jnaDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path root = Fixtures.repoRoot();
    copyTree(root.resolve("zeekspy/target/classes"), dir.resolve("classes"));
    copyTree(root.resolve("zeekspy/target/test-classes"), dir.resolve("test-classes"));
    copyTree(root.resolve("flamegraph/target/classes"), dir.resolve("flamegraph"));
    for (String entry : System.getProperty("java.class.path").split(":")) {
      if (entry.endsWith(".jar") && (entry.contains("jna") || entry.contains("protobuf"))) {
        Path jar = Path.of(entry);
        Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (!f.equals(jnaDir)) {
          Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(
              Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
    return dir;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(files::add);
    }
    for (Path f : files) {
      Path t = to.resolve(from.relativize(f).toString());
      if (Files.isDirectory(f)) {
        Files.createDirectories(t);
      } else {
        Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean isRoot() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
  }

  static String builtIn(String name) throws IOException {
    try (InputStream in = dev.ior.zeekspy.layout.LayoutCatalog.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static long unusedPid() {
    for (long pid = 4_000_000; ; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }
}
