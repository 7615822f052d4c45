// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs external programs (go, chromium) for tests. A missing tool skips the test with a
 * printed reason, unless {@code IOR_REQUIRE_TOOLS=1} is set (CI), where it fails instead.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** The first of {@code names} found on PATH; skips or fails the test when none is. */
  public static Path require(String purpose, String... names) {
    for (String name : names) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    String reason = "skipped: " + String.join(" or ", names) + " not on PATH (needed for "
        + purpose + "); set IOR_REQUIRE_TOOLS=1 to make this a failure";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(String.join(" or ", names) + " not on PATH but IOR_REQUIRE_TOOLS=1 (" + purpose + ")");
    }
    System.out.println(reason);
    Assumptions.abort(reason);
    return null; // unreachable
  }

  /**
   * The directory of the npm package {@code name} installed globally (by {@code
   * scripts/install-deps.sh --test}), in {@code $IOR_NPM_ROOT}, {@code npm root -g},
   * /usr/local/lib/node_modules or /usr/lib/node_modules; skips or fails the test when absent.
   */
  public static Path npmPackage(String purpose, String name) {
    List<Path> roots = new ArrayList<>();
    String env = System.getenv("IOR_NPM_ROOT");
    if (env != null) {
      roots.add(Path.of(env));
    }
    try {
      Run npm = run(30, List.of("npm", "root", "-g"));
      if (npm.exitCode() == 0 && !npm.stdout().isBlank()) {
        roots.add(Path.of(npm.stdout().trim()));
      }
    } catch (IOException | AssertionError e) {
      // no npm: the fixed places below
    }
    roots.add(Path.of("/usr/local/lib/node_modules"));
    roots.add(Path.of("/usr/lib/node_modules"));
    for (Path r : roots) {
      if (Files.isDirectory(r.resolve(name))) {
        return r.resolve(name);
      }
    }
    String reason = "skipped: npm package " + name + " not installed in " + roots + " (needed"
        + " for " + purpose + "; scripts/install-deps.sh --test installs it)";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(reason.replace("skipped: ", "") + " but IOR_REQUIRE_TOOLS=1");
    }
    System.out.println(reason);
    Assumptions.abort(reason);
    return null; // unreachable
  }

  /** Result of a finished process. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Runs a command to completion (at most {@code timeoutSeconds}) and captures its output. */
  public static Run run(long timeoutSeconds, List<String> command) throws IOException {
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out after " + timeoutSeconds + " s: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
