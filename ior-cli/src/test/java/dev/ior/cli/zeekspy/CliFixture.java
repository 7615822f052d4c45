// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Zeek 3.0 stand-in of testdata/zeekspy, built with g++ and started detached (not a child of
 * this JVM, whose process reaper would interfere with ptrace). Closing kills it.
 */
final class CliFixture implements AutoCloseable {
  private static Path built;
  private final long pid;

  private CliFixture(long pid) {
    this.pid = pid;
  }

  static CliFixture start(String... args) throws Exception {
    Path exe = build();
    Path ready = Files.createTempFile("zeekspy-cli", ".ready");
    Files.delete(ready);
    List<String> argv = new ArrayList<>(List.of(exe.toString(), "-ready", ready.toString()));
    argv.addAll(List.of(args));
    String script = String.join(" ", argv) + " </dev/null >/dev/null 2>&1 & echo $!";
    Process sh = new ProcessBuilder("sh", "-c", script).start();
    long pid = Long.parseLong(new String(sh.getInputStream().readAllBytes()).strip());
    sh.waitFor(10, TimeUnit.SECONDS);
    CliFixture f = new CliFixture(pid);
    for (int i = 0; i < 2000 && !Files.exists(ready); i++) {
      Thread.sleep(5);
    }
    Files.deleteIfExists(ready);
    return f;
  }

  long pid() {
    return pid;
  }

  private static synchronized Path build() throws Exception {
    if (built != null) {
      return built;
    }
    Path root = Path.of(System.getenv().getOrDefault("IOR_REPO_ROOT",
        Path.of("").toAbsolutePath().getParent().toString()));
    Path src = root.resolve("testdata/zeekspy/zeek_fixture.cc");
    Path out = root.resolve("ior-cli/target/zeekspy-fixture/zeek");
    Files.createDirectories(out.getParent());
    Process p;
    try {
      p = new ProcessBuilder("g++", "-O1", "-rdynamic", "-DZEEK_LAYOUT=30", "-o", out.toString(),
          src.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      skipOrFail("IOR_REQUIRE_TOOLS", "g++ is not installed: " + e.getMessage());
      throw e;
    }
    String log = new String(p.getInputStream().readAllBytes());
    Assertions.assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, log);
    built = out;
    return out;
  }

  /** Skips with a printed reason, or fails when {@code env}=1 demands the capability. */
  static void skipOrFail(String env, String why) {
    if ("1".equals(System.getenv(env))) {
      Assertions.fail(why + " (required because " + env + "=1)");
    }
    System.out.println("SKIPPED: " + why);
    Assumptions.abort(why);
  }

  @Override
  public void close() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }
}
