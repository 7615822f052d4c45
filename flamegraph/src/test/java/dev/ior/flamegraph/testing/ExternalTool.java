// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.testing;

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
